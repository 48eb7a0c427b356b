package ai.lion.spark.data;

import java.util.SplittableRandom;

/** The random stream of one partition, derived from a run's seed and the partition's index. */
final class PartitionRandom {

    private PartitionRandom() {
    }

    /** A stream that depends on both {@code seed} and {@code partition}; nearby values give unrelated streams. */
    static SplittableRandom of(long seed, int partition) {
        return new SplittableRandom(mix64(seed ^ mix64(partition + 1L)));
    }

    /** Stafford's variant 13 of the MurmurHash3 64-bit finalizer. */
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
