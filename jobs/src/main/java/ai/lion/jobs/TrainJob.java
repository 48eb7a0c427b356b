package ai.lion.jobs;

import ai.lion.core.models.LionConfig;
import ai.lion.jobs.config.CheckpointConfig;
import ai.lion.jobs.config.ConfigReader;
import ai.lion.jobs.config.DataConfig;
import ai.lion.jobs.config.InvalidConfigException;
import ai.lion.jobs.config.ModelSection;
import ai.lion.jobs.config.SparkConfig;
import ai.lion.jobs.config.TrainConfig;

import java.util.Optional;

/** {@code lion train}: trains a LION model on {@code data.path}, checkpointing to {@code checkpoint.path}. */
record TrainJob(DataConfig data, LionConfig model, TrainConfig train, CheckpointConfig checkpoint,
                SparkConfig spark) implements Job {

    static Job configure(ConfigReader reader) throws InvalidConfigException {
        DataConfig data = DataConfig.read(reader);
        Optional<LionConfig> model = ModelSection.read(reader);
        TrainConfig train = TrainConfig.read(reader);
        CheckpointConfig checkpoint = CheckpointConfig.read(reader);
        SparkConfig spark = SparkConfig.read(reader);
        model.ifPresent(m -> data.checkFits(m, reader));
        reader.throwIfInvalid();
        return new TrainJob(data, model.orElseThrow(), train, checkpoint, spark);
    }

    @Override
    public void run() {
        throw new NotAvailableException(Command.TRAIN, "the training library ai.lion.spark.train",
                "train " + train + " of " + model + " on " + data.splitPath(data.trainSplit())
                        + ", checkpoints in " + checkpoint.path() + ", Spark " + spark);
    }
}
