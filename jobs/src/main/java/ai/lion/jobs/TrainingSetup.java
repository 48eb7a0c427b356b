package ai.lion.jobs;

import ai.lion.jobs.config.CheckpointConfig;
import ai.lion.jobs.config.TrainConfig;
import ai.lion.spark.train.EarlyStopping;
import ai.lion.spark.train.LearningRateSchedule;
import ai.lion.spark.train.TrainingOptions;

/** The trainer's {@link TrainingOptions} from the {@code train} and {@code checkpoint} sections. */
final class TrainingSetup {

    private TrainingSetup() {
    }

    /** The options of a run with {@code workers} parallel workers. */
    static TrainingOptions options(TrainConfig train, CheckpointConfig checkpoint, int workers) {
        TrainingOptions.Builder options = TrainingOptions.builder()
                .epochs(train.epochs())
                .seed(train.seed())
                .workers(workers)
                .averagingFrequency(train.averagingFrequency())
                .batchSizePerWorker(train.batchSizePerWorker())
                .workerPrefetch(train.prefetchBatches())
                .trainingApproach(train.rddTrainingApproach())
                .learningRate(schedule(train))
                .checkpointEverySplits(checkpoint.everySplits())
                .retention(checkpoint.retention())
                .takeOverLock(checkpoint.takeOverLock());
        train.exportDirectory().ifPresent(options::exportDirectory);
        if (train.earlyStoppingPatience() > 0) {
            options.earlyStopping(new EarlyStopping(train.earlyStoppingPatience(), 0));
        }
        return options.build();
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
