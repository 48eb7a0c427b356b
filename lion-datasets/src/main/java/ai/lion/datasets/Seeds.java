package ai.lion.datasets;

/**
 * Derives independent, reproducible random streams from one seed and a few keys (split, row id, ...),
 * so that a row's content depends on nothing but the seed and its keys, never on partitioning.
 */
final class Seeds {

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private Seeds() {
    }

    /** The SplitMix64 finaliser: a bijection of {@code long} with good avalanche. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** A seed for the stream named by {@code keys} under {@code seed}. */
    static long derive(long seed, long... keys) {
        long state = mix(seed);
        for (long key : keys) {
            state = mix(state + GOLDEN_GAMMA + mix(key));
        }
        return state;
    }

    /** A number in [0, 1) determined by {@code seed} and {@code keys}. */
    static double unitInterval(long seed, long... keys) {
        return (derive(seed, keys) >>> 11) * 0x1.0p-53;
    }
}
