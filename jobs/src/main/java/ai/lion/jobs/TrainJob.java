package ai.lion.jobs;

import ai.lion.core.models.LionConfig;
import ai.lion.core.models.Task;
import ai.lion.datasets.DatasetMetadata;
import ai.lion.jobs.config.CheckpointConfig;
import ai.lion.jobs.config.ConfigReader;
import ai.lion.jobs.config.DataConfig;
import ai.lion.jobs.config.InvalidConfigException;
import ai.lion.jobs.config.ModelSection;
import ai.lion.jobs.config.SparkConfig;
import ai.lion.jobs.config.TrainConfig;
import ai.lion.jobs.spark.SparkSessions;
import ai.lion.spark.checkpoint.CheckpointStore;
import ai.lion.spark.data.BatchSpec;
import ai.lion.spark.data.ParquetSource;
import ai.lion.spark.report.TrainingChart;
import ai.lion.spark.train.EpochMetrics;
import ai.lion.spark.train.EvaluationResult;
import ai.lion.spark.train.LionTrainer;
import ai.lion.spark.train.Perplexity;
import ai.lion.spark.train.TrainingReport;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code lion train}: trains a LION model on {@code data.path}, checkpointing to {@code checkpoint.path},
 * draws the training curves next to the checkpoints and prints a summary with the frequency baseline on the
 * validation split (class frequencies; token frequencies for a masked-language model). A model that does not
 * fit the dataset's metadata is refused before Spark starts.
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
        model.ifPresent(m -> train.checkFits(m, reader));
        if (data.validationSplit().isEmpty() && reader.valid("data.validation-split")) {
            reader.reject("data.validation-split", "must be set: train evaluates the model on it after every epoch");
        }
        reader.throwIfInvalid();
        return new TrainJob(data, data.validationSplit().orElseThrow(), model.orElseThrow(), train, checkpoint, spark);
    }

    @Override
    public void run(PrintStream out) throws IOException, InvalidConfigException {
        Optional<DatasetMetadata> metadata = DatasetMetadata.ofDataset(data.path(), SparkSessions.hadoopConfiguration(spark));
        if (metadata.isPresent()) {
            DatasetFit.requireTrainable(model, metadata.get(), data.rows().truncate());
        }
        try (SparkSession session = SparkSessions.start(spark, "lion-train")) {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(session.sparkContext());
            if (!checkpoint.resume()) {
                refuseExistingCheckpoints(sc);
            }
            LionTrainer trainer = TrainingSetup.trainer(model, data, train, checkpoint);
            BatchSpec spec = trainer.batches();
            Dataset<Row> validationRows = ParquetSource.read(session, data.splitPath(validationSplit));
            TrainingReport report = trainer.fit(ParquetSource.read(session, data.splitPath(data.trainSplit())),
                    validationRows);
            Path chart = TrainingChart.writeFor(checkpoint.path(), sc.hadoopConfiguration());
            EvaluationResult baseline = FrequencyBaselines.on(
                    LionTrainer.validationMinibatches(validationRows, spec, trainer.options().seed()).rdd(), session, data, spec);
            printSummary(report, model.task() == Task.MLM, baseline, chart, out);
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

    /**
     * The outcome and the frequency baseline; for a masked-language model losses per masked token with their
     * perplexity.
     */
    private static void printSummary(TrainingReport report, boolean perMaskedToken, EvaluationResult baseline,
                                     Path chart, PrintStream out) {
        out.printf(Locale.ROOT, "Training stopped (%s) after %d epochs%s%n", report.stopReason(), report.epochs().size(),
                report.resumedFrom().map(cursor -> ", resumed at epoch " + (cursor.epoch() + 1)).orElse(""));
        report.finalEpoch().ifPresent(last -> out.println("Last epoch: " + describe(last, perMaskedToken)));
        report.bestEpoch().ifPresent(best -> out.println("Best epoch (validation loss): " + describe(best, perMaskedToken)));
        if (perMaskedToken) {
            out.printf(Locale.ROOT, "Unigram baseline (token frequencies of the training split), per masked token:"
                    + " validation loss %s, validation accuracy %.4f%n", Perplexity.describe(baseline.loss()),
                    baseline.accuracy());
        } else {
            out.printf(Locale.ROOT, "Class-frequency baseline (label frequencies of the training split): validation"
                    + " loss %.4f, validation accuracy %.4f%n", baseline.loss(), baseline.accuracy());
        }
        if (report.skippedRows().any()) {
            out.println("Skipped rows by problem, summed over the " + report.epochs().size() + " epochs: "
                    + report.skippedRows().describe());
        }
        out.println("Checkpoint: " + report.lastCheckpoint().location());
        out.println("Training chart: " + chart);
    }

    private static String describe(EpochMetrics epoch, boolean perMaskedToken) {
        if (perMaskedToken) {
            return String.format(Locale.ROOT, "%d, per masked token: train loss %s, validation loss %s, validation accuracy"
                    + " %.4f", epoch.epoch() + 1, Perplexity.describe(epoch.trainLoss()),
                    Perplexity.describe(epoch.validationLoss()), epoch.validationAccuracy());
        }
        return String.format(Locale.ROOT, "%d, train loss %.4f, validation loss %.4f, validation accuracy %.4f",
                epoch.epoch() + 1, epoch.trainLoss(), epoch.validationLoss(), epoch.validationAccuracy());
    }
}
