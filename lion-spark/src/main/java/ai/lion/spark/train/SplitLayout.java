package ai.lion.spark.train;

import java.io.Serializable;
import java.util.List;

/**
 * Where every minibatch of one epoch goes: which split trains it and on which worker.
 *
 * <p>The minibatches of the source partitions are first put into one global order that interleaves
 * the partitions: minibatch 0 of every partition, then minibatch 1 of every partition that has one,
 * and so on. Global position {@code g} then goes to split {@code g / (workers × perWorker)} and, within
 * it, to worker {@code g mod workers}. Every split but the last gives each worker exactly
 * {@code perWorker} minibatches, so one split is one round of parameter averaging. The layout depends
 * only on how many minibatches each partition holds.
 */
final class SplitLayout implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int[] minibatchesPerPartition;
    private final int workers;
    private final int perWorker;
    private final long total;

    /**
     * @param minibatchesPerPartition number of minibatches in each source partition, by partition index
     * @param workers                 training workers, &ge; 1
     * @param perWorker               minibatches per worker per split, &ge; 1
     */
    SplitLayout(int[] minibatchesPerPartition, int workers, int perWorker) {
        if (workers < 1 || perWorker < 1) {
            throw new IllegalArgumentException("workers and perWorker must be at least 1, got " + workers + " and "
                    + perWorker);
        }
        long sum = 0;
        for (int count : minibatchesPerPartition) {
            if (count < 0) {
                throw new IllegalArgumentException("minibatch counts must be non-negative, got " + count);
            }
            sum += count;
        }
        this.minibatchesPerPartition = minibatchesPerPartition.clone();
        this.workers = workers;
        this.perWorker = perWorker;
        this.total = sum;
    }

    /** The layout of partitions whose minibatches hold {@code examplesPerMinibatch.get(p)[i]} examples. */
    static SplitLayout of(List<int[]> examplesPerMinibatch, int workers, int perWorker) {
        return new SplitLayout(examplesPerMinibatch.stream().mapToInt(sizes -> sizes.length).toArray(), workers,
                perWorker);
    }

    /** Minibatches in the epoch. */
    long minibatches() {
        return total;
    }

    /** Number of splits: {@code ceil(minibatches / (workers × perWorker))}. */
    int splits() {
        return Math.toIntExact((total + minibatchesPerSplit() - 1) / minibatchesPerSplit());
    }

    /** Minibatches in split {@code split}: {@code workers × perWorker}, fewer only in the last split. */
    long minibatchesIn(int split) {
        if (split < 0 || split >= splits()) {
            throw new IllegalArgumentException("split must lie in [0, " + splits() + "), got " + split);
        }
        return Math.min(minibatchesPerSplit(), total - split * minibatchesPerSplit());
    }

    int workers() {
        return workers;
    }

    /** Partitions of the laid-out epoch: one per worker and split, split-major. */
    int partitions() {
        return splits() * workers;
    }

    private long minibatchesPerSplit() {
        return (long) workers * perWorker;
    }

    /** Position of minibatch {@code index} of source partition {@code partition} in the global order. */
    long globalIndex(int partition, int index) {
        if (index < 0 || index >= minibatchesPerPartition[partition]) {
            throw new IllegalArgumentException("partition " + partition + " has " + minibatchesPerPartition[partition]
                    + " minibatches, no minibatch " + index);
        }
        long before = 0;
        for (int p = 0; p < minibatchesPerPartition.length; p++) {
            before += Math.min(minibatchesPerPartition[p], index);
            if (p < partition && minibatchesPerPartition[p] > index) {
                before++;
            }
        }
        return before;
    }

    /** The laid-out partition (split × workers + worker) of global position {@code globalIndex}. */
    int partitionOf(long globalIndex) {
        return Math.toIntExact(globalIndex / minibatchesPerSplit() * workers + globalIndex % workers);
    }

    /** The split of global position {@code globalIndex}. */
    int splitOf(long globalIndex) {
        return Math.toIntExact(globalIndex / minibatchesPerSplit());
    }

    /** Examples per split, given the examples of every minibatch by source partition. */
    long[] examplesPerSplit(List<int[]> examplesPerMinibatch) {
        long[] examples = new long[splits()];
        for (int p = 0; p < examplesPerMinibatch.size(); p++) {
            int[] sizes = examplesPerMinibatch.get(p);
            for (int i = 0; i < sizes.length; i++) {
                examples[splitOf(globalIndex(p, i))] += sizes[i];
            }
        }
        return examples;
    }
}
