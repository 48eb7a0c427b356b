package ai.lion.spark.train;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaRDDLike;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * DL4J's parameter-averaging training master for one split whose number of minibatches the trainer
 * already knows. DL4J would otherwise count the split's minibatches with a Spark job of its own before
 * every round of averaging, only to learn that the split needs no further splitting.
 */
final class SplitTrainingMaster extends ParameterAveragingTrainingMaster {

    private static final long serialVersionUID = 1L;

    private final transient JavaRDD<MultiDataSet> split;
    private final long minibatches;

    private SplitTrainingMaster(Builder builder, JavaRDD<MultiDataSet> split, long minibatches) {
        super(builder);
        this.split = split;
        this.minibatches = minibatches;
    }

    /**
     * The master for {@code split}, which holds {@code minibatches} minibatches. Caching is left to the
     * trainer (the split is a view of cached data), and DL4J's own sampling inside the split is seeded
     * with {@code samplingSeed}.
     */
    static SplitTrainingMaster forSplit(TrainingOptions options, RunLayout layout, String exportDirectory,
                                        long samplingSeed, JavaRDD<MultiDataSet> split, long minibatches) {
        Builder builder = new Builder(layout.workers(), layout.minibatchSize())
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
                .rngSeed(samplingSeed);
        return new SplitTrainingMaster(builder, split, minibatches);
    }

    @Override
    protected <T, R extends JavaRDDLike<T, R>> long getTotalDataSetObjectCount(JavaRDDLike<T, R> data) {
        return data == split ? minibatches : super.getTotalDataSetObjectCount(data);
    }
}
