package ai.lion.jobs;

import ai.lion.jobs.config.CheckpointConfig;
import ai.lion.jobs.config.ConfigReader;
import ai.lion.jobs.config.DataConfig;
import ai.lion.jobs.config.EvaluateConfig;
import ai.lion.jobs.config.InvalidConfigException;
import ai.lion.jobs.config.SparkConfig;

/** {@code lion evaluate}: evaluates a checkpoint of {@code checkpoint.path} on one split of {@code data.path}. */
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
    public void run() {
        throw new NotAvailableException(Command.EVALUATE, "the training library ai.lion.spark.train",
                "evaluate the " + checkpoint.select() + " checkpoint of " + checkpoint.path() + " on "
                        + data.splitPath(evaluate.split()) + " with " + evaluate + ", Spark " + spark);
    }
}
