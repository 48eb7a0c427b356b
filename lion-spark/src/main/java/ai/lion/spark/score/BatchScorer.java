package ai.lion.spark.score;

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
 * ScoringOptions options = ScoringOptions.builder(spec).embeddings(true).longSequenceThreshold(4096).build();
 * BatchScorer scorer = BatchScorer.forModel(spark, "hdfs:///models/run-7/checkpoints", options);
 * ScoringReport report = scorer.writeParquet(ParquetSource.read(spark, "hdfs:///data/test"), "hdfs:///out/scores");
 * }</pre>
 *
 * <p>Everything that can be checked before the data is read is checked on the driver, before any
 * Spark job: the model path, the model's layout, its fit to the data spec, the input schema and the
 * output column names. Bad rows are handled on the executors as the spec's
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

    private BatchScorer(ModelSource model, ScoringOptions options) {
        this.model = model;
        this.options = options;
    }

    /**
     * A scorer for {@code model}.
     *
     * @throws IncompatibleModelException if the model's input kind, vocabulary, feature width or number of
     *                                    classes does not fit {@code options.spec()}
     */
    public static BatchScorer create(ModelSource model, ScoringOptions options) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(options, "options");
        model.signature().requireCompatible(options.spec(), model.describe());
        return new BatchScorer(model, options);
    }

    /**
     * A scorer for the model stored at {@code modelPath} (see {@link StoredModel#resolve}), read with
     * the session's Hadoop configuration.
     *
     * @throws IllegalArgumentException   if no model is found at the path
     * @throws IncompatibleModelException if the model does not fit the data spec
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
        String id = options.spec().idColumn();
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
        SequenceReader reader = SequenceReader.forSchema(rows.schema(), options.spec());
        OutputLayout output = OutputLayout.of(rows.schema(), keptColumns, options);
        RowCounts counts = RowCounts.register(rows.sparkSession().sparkContext());
        ScoringProgress progress = ScoringProgress.register(rows.sparkSession().sparkContext());
        Dataset<Row> scored = rows.mapPartitions(new PartitionScorer(model, reader, options, output, counts, progress),
                Encoders.row(output.schema()));
        return new ScoredRows(scored, counts, progress);
    }
}
