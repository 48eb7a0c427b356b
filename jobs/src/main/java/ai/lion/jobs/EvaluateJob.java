package ai.lion.jobs;

import ai.lion.datasets.DatasetMetadata;
import ai.lion.jobs.config.CheckpointConfig;
import ai.lion.jobs.config.ConfigReader;
import ai.lion.jobs.config.DataConfig;
import ai.lion.jobs.config.EvaluateConfig;
import ai.lion.jobs.config.InvalidConfigException;
import ai.lion.jobs.config.SparkConfig;
import ai.lion.jobs.spark.SparkSessions;
import ai.lion.spark.data.BatchSpec;
import ai.lion.spark.data.DataFrameBatcher;
import ai.lion.spark.data.Minibatches;
import ai.lion.spark.data.ParquetSource;
import ai.lion.spark.report.EvaluationSummary;
import ai.lion.spark.report.ReportFiles;
import ai.lion.spark.train.EvaluationResult;
import ai.lion.spark.train.Evaluator;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Optional;

/**
 * {@code lion evaluate}: evaluates a checkpoint of {@code checkpoint.path} on one split of {@code data.path},
 * prints the loss and accuracy and writes them as JSON ({@code evaluate.output}), beside the frequency baseline
 * of {@code data.train-split} (for a masked-language model the unigram baseline, and the perplexity). A
 * checkpoint whose model does not fit the dataset's metadata is refused before Spark starts.
 */
record EvaluateJob(DataConfig data, EvaluateConfig evaluate, CheckpointConfig checkpoint, SparkConfig spark) implements Job {

    static Job configure(ConfigReader reader) throws InvalidConfigException {
        DataConfig data = DataConfig.read(reader);
        EvaluateConfig evaluate = EvaluateConfig.read(reader);
        CheckpointConfig checkpoint = CheckpointConfig.read(reader);
        SparkConfig spark = SparkConfig.read(reader);
        reader.throwIfInvalid();
        return new EvaluateJob(data, evaluate, checkpoint, spark);
    }

    @Override
    public void run(PrintStream out) throws IOException, InvalidConfigException {
        Configuration conf = SparkSessions.hadoopConfiguration(spark);
        CheckpointedModel model = CheckpointedModel.load(checkpoint, conf);
        Optional<DatasetMetadata> metadata = DatasetMetadata.ofDataset(data.path(), conf);
        if (metadata.isPresent()) {
            DatasetFit.requireCheckpointFits(model.config(), checkpoint.path(), model.info().location().toString(),
                    metadata.get(), "data.path", data.rows().truncate());
        }
        try (SparkSession session = SparkSessions.start(spark, "lion-evaluate")) {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(session.sparkContext());
            BatchSpec spec = BatchSpec.of(model.config(), data.rows().settings(evaluate.batchSize()));
            String split = data.splitPath(evaluate.split());
            long started = System.nanoTime();
            Minibatches batches = new DataFrameBatcher(spec).batch(ParquetSource.read(session, split), evaluate.seed());
            EvaluationResult result = Evaluator.evaluate(sc, model.checkpoint().model().network(), batches.rdd());
            double seconds = (System.nanoTime() - started) / 1e9;
            long rowsSkipped = batches.rowCounts().skippedTotal(); // read before the baseline passes over the rows again
            EvaluationSummary summary = new EvaluationSummary(model.info().location().toString(),
                    model.info().sequence(), model.info().cursor().epoch(), split, result.loss(), result.accuracy(),
                    result.targets(), result.examples(), rowsSkipped, seconds, model.config().task(),
                    FrequencyBaselines.on(batches.rdd(), session, data, spec));
            Path target = new Path(evaluate.output().orElse(
                    new Path(model.info().location().getParent(), "evaluate-" + evaluate.split() + ".json").toString()));
            Path written = ReportFiles.write(target, summary.toJson(), sc.hadoopConfiguration());
            out.println("Evaluation: " + summary.text());
            out.println("Summary: " + written);
        }
    }
}
