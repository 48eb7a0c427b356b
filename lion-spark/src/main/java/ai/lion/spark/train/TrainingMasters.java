package ai.lion.spark.train;

import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;

/** Builds DL4J's parameter-averaging training master for one split from the run's options. */
final class TrainingMasters {

    private TrainingMasters() {
    }

    /**
     * A master for one split. Caching is left to the trainer (the split is a view of cached data), and
     * DL4J's own sampling inside the split is seeded with {@code samplingSeed}.
     */
    static ParameterAveragingTrainingMaster forSplit(TrainingOptions options, RunLayout layout, String exportDirectory,
                                                     long samplingSeed) {
        return new ParameterAveragingTrainingMaster.Builder(layout.workers(), layout.minibatchSize())
                .batchSizePerWorker(layout.batchSizePerWorker())
                .averagingFrequency(layout.averagingFrequency())
                .aggregationDepth(options.aggregationDepth())
                .workerPrefetchNumBatches(options.workerPrefetch())
                .saveUpdater(options.saveUpdater())
                .rddTrainingApproach(options.trainingApproach())
                .exportDirectory(exportDirectory)
                .repartionData(options.repartition())
                .repartitionStrategy(options.repartitionStrategy())
                .storageLevel(null)
                .storageLevelStreams(null)
                .rngSeed(samplingSeed)
                .build();
    }
}
