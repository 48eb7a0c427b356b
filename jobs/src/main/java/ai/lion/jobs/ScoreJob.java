package ai.lion.jobs;

import ai.lion.jobs.config.CheckpointConfig;
import ai.lion.jobs.config.ConfigReader;
import ai.lion.jobs.config.InvalidConfigException;
import ai.lion.jobs.config.RowFormat;
import ai.lion.jobs.config.ScoreConfig;
import ai.lion.jobs.config.SparkConfig;
import ai.lion.jobs.spark.SparkSessions;
import ai.lion.spark.data.BatchSpec;
import ai.lion.spark.data.ParquetSource;
import ai.lion.spark.score.BatchScorer;
import ai.lion.spark.score.ScoringReport;
import ai.lion.spark.score.StoredModel;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;

/** {@code lion score}: scores {@code score.input} with a checkpoint and writes {@code score.output}. */
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
    public void run(PrintStream out) throws IOException {
        try (SparkSession session = SparkSessions.start(spark, "lion-score")) {
            Configuration conf = session.sparkContext().hadoopConfiguration();
            CheckpointedModel model = CheckpointedModel.load(checkpoint, conf);
            BatchSpec spec = BatchSpecs.of(rows, model.model(), score.batchSize());
            BatchScorer scorer = BatchScorer.create(StoredModel.resolve(model.info().location().toString(), conf),
                    ScoringSetup.options(score, spec, model.model().variant()));
            if (score.overwrite()) {
                Path output = new Path(score.output());
                FileSystem fs = output.getFileSystem(conf);
                if (fs.exists(output) && !fs.delete(output, true)) {
                    throw new IOException("cannot delete the old score.output " + output);
                }
            }
            ScoringReport report = scorer.writeParquet(ParquetSource.read(session, score.input()), score.output());
            out.printf(Locale.ROOT, "Scored %d of %d rows (%.0f rows/s) with checkpoint %s into %s%n",
                    report.rowsScored(), report.rowsRead(), report.rowsPerSecond(), model.info().location(),
                    report.output());
            if (!report.skipped().isEmpty()) {
                out.println("Skipped rows by problem: " + report.skipped());
            }
        }
    }
}
