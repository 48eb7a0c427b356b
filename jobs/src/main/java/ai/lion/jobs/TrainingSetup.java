package ai.lion.jobs;

import ai.lion.core.models.AdamW;
import ai.lion.core.models.LionConfig;
import ai.lion.jobs.config.CheckpointConfig;
import ai.lion.jobs.config.DataConfig;
import ai.lion.jobs.config.TrainConfig;
import ai.lion.spark.train.EarlyStopping;
import ai.lion.spark.train.LearningRateSchedule;
import ai.lion.spark.train.LionTrainer;

/** The {@link LionTrainer} the {@code train} and {@code checkpoint} sections describe. */
final class TrainingSetup {

    private TrainingSetup() {
    }

    /**
     * The trainer of {@code model} with AdamW at the decoupled weight decay {@code train.weight-decay},
     * minibatches of {@code train.batch-size-per-worker} rows laid out as the {@code data} keys say, the
     * train and validation split paths in every checkpoint model's provenance, and checkpoints in
     * {@code checkpoint.path}.
     */
    static LionTrainer trainer(LionConfig model, DataConfig data, TrainConfig train, CheckpointConfig checkpoint) {
        LionTrainer.Builder trainer = LionTrainer.builder(model, AdamW.defaults().withWeightDecay(train.weightDecay()))
                .data(data.rows().settings(train.batchSizePerWorker()))
                .dataPath("train", data.splitPath(data.trainSplit()))
                .dataPath("validation", data.splitPath(data.validationSplit().orElseThrow()))
                .checkpointRoot(checkpoint.path())
                .epochs(train.epochs())
                .seed(train.seed())
                .workers(train.workers())
                .averagingFrequency(train.averagingFrequency())
                .workerPrefetch(train.prefetchBatches())
                .trainingApproach(train.rddTrainingApproach())
                .learningRate(schedule(train))
                .imageAugmentation(train.augmentation())
                .checkpointEverySplits(checkpoint.everySplits())
                .retention(checkpoint.retention())
                .takeOverLock(checkpoint.takeOverLock());
        train.exportDirectory().ifPresent(trainer::exportDirectory);
        if (train.earlyStoppingPatience() > 0) {
            trainer.earlyStopping(new EarlyStopping(train.earlyStoppingPatience(), 0));
        }
        return trainer.build();
    }

    /**
     * Linear warm-up to {@code train.learning-rate}, then cosine decay to {@code train.min-learning-rate}
     * ({@code cosine}) or the peak rate held ({@code constant}).
     */
    static LearningRateSchedule schedule(TrainConfig train) {
        return LearningRateSchedule.of(train.learningRate(), train.warmupEpochs(), train.schedule(),
                train.minLearningRate());
    }
}
