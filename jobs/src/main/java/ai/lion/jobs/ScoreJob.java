package ai.lion.jobs;

import ai.lion.jobs.config.CheckpointConfig;
import ai.lion.jobs.config.ConfigReader;
import ai.lion.jobs.config.InvalidConfigException;
import ai.lion.jobs.config.ScoreConfig;
import ai.lion.jobs.config.SparkConfig;

/** {@code lion score}: scores {@code score.input} with a checkpoint and writes {@code score.output}. */
record ScoreJob(ScoreConfig score, CheckpointConfig checkpoint, SparkConfig spark) implements Job {

    static Job configure(ConfigReader reader) throws InvalidConfigException {
        ScoreConfig score = ScoreConfig.read(reader);
        CheckpointConfig checkpoint = CheckpointConfig.read(reader);
        SparkConfig spark = SparkConfig.read(reader);
        reader.throwIfInvalid();
        return new ScoreJob(score, checkpoint, spark);
    }

    @Override
    public void run() {
        throw new NotAvailableException(Command.SCORE, "the scoring library ai.lion.spark.score",
                "score " + score + " with the " + checkpoint.select() + " checkpoint of " + checkpoint.path()
                        + ", Spark " + spark);
    }
}
