package ai.lion.spark.train;

import ai.lion.spark.data.Minibatches;
import ai.lion.spark.data.RowProblem;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.rdd.PartitionPruningRDD;
import org.apache.spark.storage.StorageLevel;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import scala.Tuple2;
import scala.runtime.AbstractFunction1;

/**
 * The minibatches of one epoch, laid out as {@link SplitLayout} says and cached: partition
 * {@code split × workers + worker} holds what that worker trains in that split, in a fixed order. A
 * split is then a view of {@code workers} adjacent partitions ({@link PartitionPruningRDD}), so taking
 * one never scans the others.
 *
 * <p>Laying out runs two jobs: one that counts the examples of every minibatch, and the shuffle
 * that moves every minibatch to its place (keyed and sorted by its global position, so the order
 * inside a partition does not depend on the order in which shuffle blocks arrive). The rows skipped as
 * bad are read from the minibatches' {@code RowCounts} right after the counting job, the only job
 * that has then built each minibatch once (the shuffle builds them again).
 */
final class EpochData implements AutoCloseable {

    private final JavaRDD<MultiDataSet> laidOut;
    private final SplitLayout layout;
    private final long[] examplesPerSplit;
    private final Map<RowProblem, Long> skipped;

    private EpochData(JavaRDD<MultiDataSet> laidOut, SplitLayout layout, long[] examplesPerSplit,
                      Map<RowProblem, Long> skipped) {
        this.laidOut = laidOut;
        this.layout = layout;
        this.examplesPerSplit = examplesPerSplit;
        this.skipped = skipped;
    }

    /**
     * Lays out {@code minibatches} for {@code workers} workers that fit {@code perWorker} minibatches
     * each per split, and caches the result at {@code storageLevel}.
     *
     * @throws IllegalArgumentException if there are no minibatches
     */
    static EpochData layOut(Minibatches batches, int workers, int perWorker, StorageLevel storageLevel) {
        JavaRDD<MultiDataSet> minibatches = batches.rdd();
        List<int[]> sizes = minibatchSizes(minibatches);
        Map<RowProblem, Long> skipped = batches.rowCounts().skippedByProblem();
        SplitLayout layout = SplitLayout.of(sizes, workers, perWorker);
        if (layout.minibatches() == 0) {
            throw new IllegalArgumentException("the training data gave no minibatches (no rows, or every row skipped;"
                    + " skipped rows by problem: " + skipped + ")");
        }
        JavaRDD<MultiDataSet> laidOut = minibatches
                .mapPartitionsWithIndex(new KeyByGlobalIndex(layout), true)
                .mapToPair(keyed -> keyed)
                .repartitionAndSortWithinPartitions(new LayoutPartitioner(layout))
                .values()
                .persist(storageLevel);
        return new EpochData(laidOut, layout, layout.examplesPerSplit(sizes), skipped);
    }

    private static List<int[]> minibatchSizes(JavaRDD<MultiDataSet> minibatches) {
        List<Tuple2<Integer, int[]>> perPartition = minibatches.mapPartitionsWithIndex((partition, batches) -> {
            List<Integer> sizes = new ArrayList<>();
            batches.forEachRemaining(batch -> sizes.add(Math.toIntExact(batch.getFeatures(0).size(0))));
            int[] counts = sizes.stream().mapToInt(Integer::intValue).toArray();
            return Collections.singletonList(new Tuple2<>(partition, counts)).iterator();
        }, true).collect();
        List<int[]> sizes = new ArrayList<>(Collections.nCopies(perPartition.size(), (int[]) null));
        perPartition.forEach(entry -> sizes.set(entry._1(), entry._2()));
        return sizes;
    }

    /** The rows skipped as bad while batching this epoch's data, per problem. */
    Map<RowProblem, Long> skipped() {
        return skipped;
    }

    /** Number of splits in this epoch. */
    int splits() {
        return layout.splits();
    }

    /** Examples in split {@code split}. */
    long examples(int split) {
        return examplesPerSplit[split];
    }

    /** The minibatches of split {@code split}: one partition per worker. */
    JavaRDD<MultiDataSet> split(int split) {
        if (split < 0 || split >= layout.splits()) {
            throw new IllegalArgumentException("split must lie in [0, " + layout.splits() + "), got " + split);
        }
        int workers = layout.workers();
        PartitionPruningRDD<MultiDataSet> pruned = PartitionPruningRDD.create(laidOut.rdd(),
                new PartitionRange(split * workers, (split + 1) * workers));
        return new JavaRDD<>(pruned, laidOut.classTag());
    }

    /** Minibatches in {@code split}: {@code workers × perWorker}, fewer only in the last split. */
    long minibatches(int split) {
        return layout.minibatchesIn(split);
    }

    /** Drops the cached minibatches. */
    @Override
    public void close() {
        laidOut.unpersist(false);
    }

    /** Pairs each minibatch with its global position. */
    private static final class KeyByGlobalIndex
            implements org.apache.spark.api.java.function.Function2<Integer, Iterator<MultiDataSet>,
            Iterator<Tuple2<Long, MultiDataSet>>> {

        private static final long serialVersionUID = 1L;
        private final SplitLayout layout;

        KeyByGlobalIndex(SplitLayout layout) {
            this.layout = layout;
        }

        @Override
        public Iterator<Tuple2<Long, MultiDataSet>> call(Integer partition, Iterator<MultiDataSet> batches) {
            return new Iterator<>() {
                private int index;

                @Override
                public boolean hasNext() {
                    return batches.hasNext();
                }

                @Override
                public Tuple2<Long, MultiDataSet> next() {
                    return new Tuple2<>(layout.globalIndex(partition, index++), batches.next());
                }
            };
        }
    }

    /** Sends a global position to its laid-out partition. */
    private static final class LayoutPartitioner extends Partitioner {

        private static final long serialVersionUID = 1L;
        private final SplitLayout layout;

        LayoutPartitioner(SplitLayout layout) {
            this.layout = layout;
        }

        @Override
        public int numPartitions() {
            return layout.partitions();
        }

        @Override
        public int getPartition(Object globalIndex) {
            return layout.partitionOf((Long) globalIndex);
        }
    }

    /** Keeps the partitions with index in [from, to). */
    private static final class PartitionRange extends AbstractFunction1<Object, Object> implements Serializable {

        private static final long serialVersionUID = 1L;
        private final int from;
        private final int to;

        PartitionRange(int from, int to) {
            this.from = from;
            this.to = to;
        }

        @Override
        public Object apply(Object partition) {
            int index = (Integer) partition;
            return index >= from && index < to;
        }
    }
}
