package ai.lion.jobs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.lion.core.attention.Form;
import ai.lion.core.attention.LionOptions;
import ai.lion.core.inference.EncoderOptions;
import ai.lion.core.models.AdamW;
import ai.lion.core.models.LionConfig;
import ai.lion.spark.data.DataSettings;
import ai.lion.spark.train.LearningRateSchedule;
import ai.lion.spark.train.LionTrainer;
import ai.lion.spark.train.TrainingDefaults;
import ai.lion.spark.train.TrainingOptions;
import com.typesafe.config.Config;
import org.junit.jupiter.api.Test;

/**
 * Every key of {@code reference.conf} whose value the libraries also have as a default in code holds
 * that same value, so a job and a program using the libraries directly (the trainer, the Spark ML
 * estimator, whose defaults are {@link TrainingDefaults} and {@link LionOptions#DEFAULT_CHUNK_SIZE}, the
 * scorer, the long-sequence encoder) behave alike.
 */
class ReferenceDefaultsTest {

    private static final Config REFERENCE = JobConfigLoader.fromClasspath().reference();
    private static final LionConfig TINY = LionConfig.builder().tokens(16, 8).numClasses(2).build();

    private static String name(Enum<?> constant) {
        return ConfigReader.configName(constant);
    }

    @Test
    void chunkSizesAreTheLibraryChunkSize() {
        int chunk = LionOptions.DEFAULT_CHUNK_SIZE;

        assertEquals(chunk, REFERENCE.getInt("model.chunk-size"));
        assertEquals(chunk, REFERENCE.getInt("score.chunk-size"));
        assertEquals(chunk, TINY.chunkSize());
        assertEquals(chunk, LionOptions.defaults().chunkSize());
        assertEquals(chunk, EncoderOptions.of(Form.CHUNK).chunkSize());
    }

    @Test
    void trainKeysAreTheTrainersDefaults() {
        TrainingOptions options = LionTrainer.builder(TINY, AdamW.defaults())
                .data(DataSettings.builder().batchSize(1).build()).checkpointRoot("unused").epochs(1).learningRate(LearningRateSchedule.constant(1)).build().options();

        assertEquals(options.seed(), REFERENCE.getLong("train.seed"));
        assertEquals(options.averagingFrequency(), REFERENCE.getInt("train.averaging-frequency"));
        assertEquals(options.workerPrefetch(), REFERENCE.getInt("train.prefetch-batches"));
        assertEquals(name(options.trainingApproach()), REFERENCE.getString("train.rdd-training-approach"));
        assertEquals(TrainingDefaults.EPOCHS, REFERENCE.getInt("train.epochs"));
        assertEquals(TrainingDefaults.BATCH_SIZE_PER_WORKER, REFERENCE.getInt("train.batch-size-per-worker"));
        assertEquals(TrainingDefaults.PEAK_LEARNING_RATE, REFERENCE.getDouble("train.learning-rate"));
        assertEquals(TrainingDefaults.WARMUP_EPOCHS, REFERENCE.getDouble("train.warmup-epochs"));
        assertEquals(name(TrainingDefaults.DECAY), REFERENCE.getString("train.lr-schedule"));
        assertEquals(TrainingDefaults.MIN_LEARNING_RATE, REFERENCE.getDouble("train.min-learning-rate"));
        assertEquals(TrainingDefaults.WEIGHT_DECAY, REFERENCE.getDouble("train.weight-decay"));
        assertEquals(options.imageAugmentation().maxShift(), REFERENCE.getInt("train.augmentation.max-shift"));
        assertEquals(options.imageAugmentation().horizontalFlip(), REFERENCE.getBoolean("train.augmentation.horizontal-flip"));
        assertEquals(options.retention(),
                CheckpointConfig.read(TestConfigs.reader("checkpoint.path = runs/a")).retention());
    }

    @Test
    void dataKeysAreTheDataSettingsDefaults() {
        DataSettings tokens = DataSettings.builder().batchSize(4).build();

        assertEquals(tokens.labelColumn(), REFERENCE.getString("data.label-column"));
        assertEquals(tokens.idColumn(), REFERENCE.getString("data.id-column"));
        assertEquals(tokens.truncate(), REFERENCE.getBoolean("data.truncate"));
        assertEquals(name(tokens.badRowPolicy()), REFERENCE.getString("data.bad-rows"));
        assertEquals(name(tokens.labelEncoding()), REFERENCE.getString("data.label-encoding"));
        assertEquals(tokens.padId(), REFERENCE.getInt("data.pad-id"));
        assertEquals(tokens.mlmProbability(), REFERENCE.getDouble("data.mlm-probability"));
    }
}
