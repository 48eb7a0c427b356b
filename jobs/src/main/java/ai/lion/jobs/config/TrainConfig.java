package ai.lion.jobs.config;

import ai.lion.core.models.LionConfig;
import ai.lion.core.models.PatchInput;
import ai.lion.spark.data.ImageAugmentation;
import ai.lion.spark.train.LearningRateSchedule.Decay;
import org.deeplearning4j.spark.api.RDDTrainingApproach;

import java.util.Optional;

/**
 * The {@code train} section: distributed training with parameter averaging.
 *
 * @param epochs                passes over the training split
 * @param batchSizePerWorker    minibatch size on each worker
 * @param averagingFrequency    minibatches per worker between two parameter averagings
 * @param prefetchBatches       minibatches loaded ahead per worker (0: no prefetch)
 * @param workers               training workers; 0: Spark's default parallelism
 * @param learningRate          AdamW peak learning rate
 * @param weightDecay           AdamW decoupled weight decay
 * @param schedule              schedule after the warm-up
 * @param warmupEpochs          epochs of linear warm-up (a fraction of an epoch is allowed)
 * @param minLearningRate       final learning rate of the cosine schedule
 * @param augmentation          random shifts and mirrors of a patch model's training images
 * @param earlyStoppingPatience epochs without a better validation loss before stopping; 0: never
 * @param seed                  seed of the data shuffles and MLM masking
 * @param rddTrainingApproach   how dl4j-spark feeds minibatches
 * @param exportDirectory       directory for {@link RDDTrainingApproach#Export}, if set
 */
public record TrainConfig(int epochs, int batchSizePerWorker, int averagingFrequency, int prefetchBatches,
                          int workers, double learningRate, double weightDecay,
                          Decay schedule, double warmupEpochs, double minLearningRate,
                          ImageAugmentation augmentation, int earlyStoppingPatience, long seed, RDDTrainingApproach rddTrainingApproach,
                          Optional<String> exportDirectory) {

    /** Reads and checks the section; problems are recorded in {@code reader}. */
    public static TrainConfig read(ConfigReader reader) {
        TrainConfig train = new TrainConfig(
                reader.intAtLeast("train.epochs", 1),
                reader.intAtLeast("train.batch-size-per-worker", 1),
                reader.intAtLeast("train.averaging-frequency", 1),
                reader.intAtLeast("train.prefetch-batches", 0),
                reader.intAtLeast("train.workers", 0),
                reader.positive("train.learning-rate"),
                reader.nonNegative("train.weight-decay"),
                reader.choice("train.lr-schedule", Decay.class),
                reader.nonNegative("train.warmup-epochs"),
                reader.positive("train.min-learning-rate"),
                new ImageAugmentation(reader.intAtLeast("train.augmentation.max-shift", 0),
                        reader.bool("train.augmentation.horizontal-flip")),
                reader.intAtLeast("train.early-stopping-patience", 0),
                reader.longValue("train.seed"),
                reader.choice("train.rdd-training-approach", RDDTrainingApproach.class),
                reader.optionalPath("train.export-directory"));
        if (reader.valid("train.warmup-epochs", "train.epochs") && train.warmupEpochs >= train.epochs) {
            reader.reject("train.warmup-epochs", "must be < train.epochs = " + train.epochs);
        }
        if (train.schedule == Decay.COSINE
                && reader.valid("train.min-learning-rate", "train.learning-rate", "train.lr-schedule")
                && train.minLearningRate > train.learningRate) {
            reader.reject("train.min-learning-rate", "must be <= train.learning-rate = " + train.learningRate);
        }
        if (train.exportDirectory.isPresent() && train.rddTrainingApproach != RDDTrainingApproach.Export
                && reader.valid("train.rdd-training-approach")) {
            reader.reject("train.export-directory", "is only used when train.rdd-training-approach = export");
        }
        return train;
    }

    /** Records in {@code reader} the settings that {@code model} cannot train with: image augmentation of tokens. */
    public void checkFits(LionConfig model, ConfigReader reader) {
        if (augmentation.isNone()) {
            return;
        }
        String key = augmentation.maxShift() > 0 ? "train.augmentation.max-shift" : "train.augmentation.horizontal-flip";
        if (!(model.input() instanceof PatchInput image)) {
            reader.reject(key, "needs model.input.kind = patches (it changes images)");
        } else if (augmentation.maxShift() >= image.imageSize()) {
            reader.reject("train.augmentation.max-shift", "must be < model.input.image-size = " + image.imageSize());
        }
    }
}
