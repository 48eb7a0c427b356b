package ai.lion.spark.train;

/**
 * Seeds derived from the run's seed, one per purpose, so that every shuffle and sample depends only on
 * the run's seed and on where training stands (SplitMix64 finalisation of the combined inputs).
 */
final class Seeds {

    private static final long EPOCH_SHUFFLE = 0x5EED_0001L;
    private static final long SPLIT_SAMPLING = 0x5EED_0002L;
    private static final long VALIDATION = 0x5EED_0003L;

    private Seeds() {
    }

    /** Seeds the shuffle of the training rows in {@code epoch}. */
    static long epochShuffle(long seed, int epoch) {
        return mix(mix(seed, EPOCH_SHUFFLE), epoch);
    }

    /** Seeds DL4J's sampling inside split {@code split} of {@code epoch}. */
    static long splitSampling(long seed, int epoch, int split) {
        return mix(mix(mix(seed, SPLIT_SAMPLING), epoch), split);
    }

    /** Seeds the (fixed) MLM masking of the validation rows. */
    static long validation(long seed) {
        return mix(seed, VALIDATION);
    }

    private static long mix(long state, long value) {
        long z = state + 0x9E3779B97F4A7C15L * (value + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
