package ai.lion.jobs;

import ai.lion.datasets.DatasetMetadata;
import ai.lion.jobs.config.CheckpointConfig;
import ai.lion.jobs.config.ConfigReader;
import ai.lion.jobs.config.InvalidConfigException;
import ai.lion.jobs.config.RowFormat;
import ai.lion.jobs.config.ScoreConfig;
import ai.lion.jobs.config.SparkConfig;
import ai.lion.jobs.spark.SparkSessions;
import ai.lion.spark.checkpoint.CheckpointInfo;
import ai.lion.spark.data.ParquetSource;
import ai.lion.datasets.output.StagedOutput;
import ai.lion.spark.score.BatchScorer;
import ai.lion.spark.score.ScoringReport;
import ai.lion.spark.score.StoredModel;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code lion score}: scores {@code score.input} with a checkpoint and writes {@code score.output}. The
 * predictions are written beside the output and moved into place only when scoring has succeeded, so a
 * failure leaves an earlier output (and {@code score.overwrite}) as it was. When {@code score.input} is a
 * split of a prepared dataset, a checkpoint whose model does not fit the dataset's metadata is refused
 * before Spark starts.
 */
record ScoreJob(ScoreConfig score, RowFormat rows, CheckpointConfig checkpoint, SparkConfig spark) implements Job {

    static Job configure(ConfigReader reader) throws InvalidConfigException {
        ScoreConfig score = ScoreConfig.read(reader);
        RowFormat rows = RowFormat.read(reader);
        CheckpointConfig checkpoint = CheckpointConfig.read(reader);
        SparkConfig spark = SparkConfig.read(reader);
        reader.throwIfInvalid();
        return new ScoreJob(score, rows, checkpoint, spark);
    }

    @Override
    public void run(PrintStream out) throws IOException, InvalidConfigException {
        Configuration preparing = SparkSessions.hadoopConfiguration(spark);
        StagedOutput output = StagedOutput.begin(score.output(), score.overwrite(), preparing);
        CheckpointInfo selected = CheckpointedModel.select(checkpoint, preparing);
        StoredModel model = StoredModel.resolve(selected.location().toString(), preparing);
        Optional<DatasetMetadata> metadata = DatasetMetadata.ofSplit(score.input(), preparing);
        if (metadata.isPresent()) {
            DatasetFit.requireCheckpointFits(model.config(), checkpoint.path(), selected.location().toString(),
                    metadata.get(), "score.input", rows.truncate());
        }
        try (SparkSession session = SparkSessions.start(spark, "lion-score")) {
            BatchScorer scorer = BatchScorer.create(model,
                    ScoringSetup.options(score, rows.settings(score.batchSize()), model.config().variant()));
            Dataset<Row> input = ParquetSource.read(session, score.input());
            ScoringReport report = output.write(staging -> scorer.writeParquet(input, staging.toString()));
            out.printf(Locale.ROOT, "Scored %d of %d rows (%.0f rows/s) with checkpoint %s into %s%n",
                    report.rowsScored(), report.rowsRead(), report.rowsPerSecond(), selected.location(),
                    output.target());
            if (!report.skipped().isEmpty()) {
                out.println("Skipped rows by problem: " + report.skipped());
            }
        }
    }
}
