package ai.lion.jobs;

import ai.lion.core.models.LionConfig;
import ai.lion.jobs.config.CheckpointConfig;
import ai.lion.jobs.config.ConfigReader;
import ai.lion.jobs.config.DataConfig;
import ai.lion.jobs.config.InvalidConfigException;
import ai.lion.jobs.config.ModelSection;
import ai.lion.jobs.config.SparkConfig;
import ai.lion.jobs.config.TrainConfig;
import ai.lion.jobs.spark.SparkSessions;
import ai.lion.spark.checkpoint.CheckpointStore;
import ai.lion.spark.checkpoint.RunLockedException;
import ai.lion.spark.data.ParquetSource;
import ai.lion.spark.report.TrainingChart;
import ai.lion.spark.train.EpochMetrics;
import ai.lion.spark.train.LionTrainer;
import ai.lion.spark.train.TrainingReport;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code lion train}: trains a LION model on {@code data.path}, checkpointing to {@code checkpoint.path},
 * and draws the training curves next to the checkpoints.
 */
record TrainJob(DataConfig data, String validationSplit, LionConfig model, TrainConfig train,
                CheckpointConfig checkpoint, SparkConfig spark) implements Job {

    static Job configure(ConfigReader reader) throws InvalidConfigException {
        DataConfig data = DataConfig.read(reader);
        Optional<LionConfig> model = ModelSection.read(reader);
        TrainConfig train = TrainConfig.read(reader);
        CheckpointConfig checkpoint = CheckpointConfig.read(reader);
        SparkConfig spark = SparkConfig.read(reader);
        model.ifPresent(m -> data.rows().checkFits(m, reader));
        if (data.validationSplit().isEmpty() && reader.valid("data.validation-split")) {
            reader.reject("data.validation-split", "must be set: train evaluates the model on it after every epoch");
        }
        reader.throwIfInvalid();
        return new TrainJob(data, data.validationSplit().orElseThrow(), model.orElseThrow(), train, checkpoint, spark);
    }

    @Override
    public void run(PrintStream out) throws IOException {
        try (SparkSession session = SparkSessions.start(spark, "lion-train")) {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(session.sparkContext());
            if (!checkpoint.resume()) {
                refuseExistingCheckpoints(sc);
            }
            LionTrainer trainer = TrainingSetup.trainer(model,
                    BatchSpecs.of(data.rows(), model, train.batchSizePerWorker()), train, checkpoint);
            TrainingReport report;
            try {
                report = trainer.fit(ParquetSource.read(session, data.splitPath(data.trainSplit())),
                        ParquetSource.read(session, data.splitPath(validationSplit)));
            } catch (RunLockedException e) {
                throw new IllegalStateException(e.getMessage() + "; wait until that run ends, or if its driver is dead"
                        + " rerun with --set checkpoint.take-over-lock=true", e);
            }
            Path chart = TrainingChart.writeFor(checkpoint.path(), sc.hadoopConfiguration());
            printSummary(report, chart, out);
        }
    }

    private void refuseExistingCheckpoints(JavaSparkContext sc) throws IOException {
        CheckpointStore store = CheckpointStore.open(checkpoint.path(), sc.hadoopConfiguration());
        if (!store.list().isEmpty()) {
            throw new IllegalStateException("checkpoint.path = " + store.root() + " already holds checkpoints and "
                    + "checkpoint.resume = false; set checkpoint.resume = true to continue that run, or choose a new "
                    + "checkpoint.path");
        }
    }

    private static void printSummary(TrainingReport report, Path chart, PrintStream out) {
        out.printf(Locale.ROOT, "Training stopped (%s) after %d epochs%s%n", report.stopReason(), report.epochs().size(),
                report.resumedFrom().map(cursor -> ", resumed at epoch " + (cursor.epoch() + 1)).orElse(""));
        report.finalEpoch().ifPresent(last -> out.println("Last epoch: " + describe(last)));
        report.bestEpoch().ifPresent(best -> out.println("Best epoch (validation loss): " + describe(best)));
        out.println("Checkpoint: " + report.lastCheckpoint().location());
        out.println("Training chart: " + chart);
    }

    private static String describe(EpochMetrics epoch) {
        return String.format(Locale.ROOT, "%d, train loss %.4f, validation loss %.4f, validation accuracy %.4f",
                epoch.epoch() + 1, epoch.trainLoss(), epoch.validationLoss(), epoch.validationAccuracy());
    }
}
