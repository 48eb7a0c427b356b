package ai.lion.spark.score;

import ai.lion.core.models.Task;
import ai.lion.spark.data.BatchSpec;
import ai.lion.spark.data.DataSchemaException;
import ai.lion.spark.data.RowCounts;
import ai.lion.spark.data.SequenceReader;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Scores DataFrames of sequences with a trained classifier, on the executors: each executor JVM
 * loads the model once ({@link ModelCache}) and streams its partitions through it in minibatches.
 *
 * <pre>{@code
 * ScoringOptions options = ScoringOptions.builder(DataSettings.builder().batchSize(64).build())
 *         .embeddings(true).longSequenceThreshold(4096).build();
 * BatchScorer scorer = BatchScorer.forModel(spark, "hdfs:///models/run-7/checkpoints", options);
 * ScoringReport report = scorer.writeParquet(ParquetSource.read(spark, "hdfs:///data/test"), "hdfs:///out/scores");
 * }</pre>
 *
 * <p>Everything that can be checked before the data is read is checked on the driver, before any
 * Spark job: the model path, that the model is a classifier, the fit of the data settings to its
 * config, the input schema and the output column names. Bad rows are handled on the executors as the spec's
 * {@link ai.lion.spark.data.BadRowPolicy} says.
 *
 * <p><b>Retries.</b> Output goes through Spark's DataFrame writer, whose output committer writes each
 * task attempt to a temporary location and publishes only the committed attempt of each partition, so
 * a failed or speculative attempt that is retried leaves no partial or duplicate files. Scoring is
 * deterministic, so a retried partition produces the same rows.
 */
public final class BatchScorer {

    private final ModelSource model;
    private final ScoringOptions options;
    private final BatchSpec spec;

    private BatchScorer(ModelSource model, ScoringOptions options, BatchSpec spec) {
        this.model = model;
        this.options = options;
        this.spec = spec;
    }

    /**
     * A scorer for {@code model}, reading rows as its config and {@code options.data()} describe them.
     *
     * @throws IncompatibleModelException if the model is not a classifier, or the data settings do not fit it
     */
    public static BatchScorer create(ModelSource model, ScoringOptions options) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(options, "options");
        if (model.config().task() != Task.CLASSIFY) {
            throw new IncompatibleModelException(model.describe(), List.of("it is a masked-language model (task "
                    + model.config().task() + "); scoring runs classifiers"));
        }
        try {
            return new BatchScorer(model, options, BatchSpec.of(model.config(), options.data()));
        } catch (IllegalArgumentException e) {
            throw new IncompatibleModelException(model.describe(), List.of(e.getMessage()));
        }
    }

    /**
     * A scorer for the model stored at {@code modelPath} (see {@link StoredModel#resolve}), read with
     * the session's Hadoop configuration.
     *
     * @throws IllegalArgumentException   if no LION model is found at the path
     * @throws IncompatibleModelException if the model is not a classifier, or the data settings do not fit it
     */
    public static BatchScorer forModel(SparkSession spark, String modelPath, ScoringOptions options)
            throws IOException {
        return create(StoredModel.resolve(modelPath, spark.sparkContext().hadoopConfiguration()), options);
    }

    public ModelSource model() {
        return model;
    }

    public ScoringOptions options() {
        return options;
    }

    /** The rows this scorer reads: the model's facts and the options' data settings. */
    public BatchSpec spec() {
        return spec;
    }

    /**
     * The rows with the prediction, probability and (if configured) embedding columns appended,
     * computed lazily, partition by partition.
     *
     * @throws DataSchemaException      if the sequence or id column is missing or has the wrong type
     * @throws IllegalArgumentException if an output column already exists
     */
    public ScoredRows score(Dataset<Row> rows) {
        return score(rows, null);
    }

    /**
     * Scores {@code rows} and writes their id column with the prediction, probability and (if
     * configured) embedding columns as Parquet to {@code outputPath}, which must not exist yet. Logs
     * progress on the driver every {@link ScoringOptions#progressInterval()}.
     *
     * @throws IllegalArgumentException if the rows have no id column
     * @throws DataSchemaException      if a column has the wrong type
     */
    public ScoringReport writeParquet(Dataset<Row> rows, String outputPath) {
        String id = spec.idColumn();
        if (!Arrays.asList(rows.schema().fieldNames()).contains(id)) {
            throw new IllegalArgumentException("column '" + id + "' is missing: scores are written with the id of their"
                    + " row; the DataFrame has columns " + Arrays.toString(rows.schema().fieldNames()));
        }
        ScoredRows scored = score(rows, List.of(id));
        ScoringProgress.Reporter reporter =
                scored.progress().startReporting("Scoring into " + outputPath, options.progressInterval());
        try (reporter) {
            scored.rows().write().mode(SaveMode.ErrorIfExists).parquet(outputPath);
        }
        RowCounts counts = scored.rowCounts();
        return new ScoringReport(outputPath, counts.read(), scored.progress().rowsScored(), counts.skippedByProblem(),
                reporter.elapsedSeconds());
    }

    private ScoredRows score(Dataset<Row> rows, List<String> keptColumns) {
        SequenceReader reader = SequenceReader.forSchema(rows.schema(), spec);
        OutputLayout output = OutputLayout.of(rows.schema(), keptColumns, options);
        RowCounts counts = RowCounts.register(rows.sparkSession().sparkContext());
        ScoringProgress progress = ScoringProgress.register(rows.sparkSession().sparkContext());
        Dataset<Row> scored = rows.mapPartitions(new PartitionScorer(model, reader, options, output, counts, progress),
                Encoders.row(output.schema()));
        return new ScoredRows(scored, counts, progress);
    }
}
