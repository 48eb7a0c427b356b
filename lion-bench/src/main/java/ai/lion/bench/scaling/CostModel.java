package ai.lion.bench.scaling;

/**
 * The time of one parameter-averaging split as compute plus communication.
 *
 * <pre>
 * split(W, f)   = f · step + comm(W)
 * comm(W)       = latency + copies(W) · bytes · (secondsPerByte + 8 / bandwidth)
 * copies(W)     = 1 (the broadcast) + the results received on the critical path of the tree aggregation
 * </pre>
 * {@code step} is one minibatch's fit on one worker, {@code bytes} the serialized parameters and updater
 * state of one copy, {@code secondsPerByte} the serializing, deserializing and adding per copy that a
 * local run (no network) already pays, and the bandwidth the network link in bits per second
 * ({@link Double#POSITIVE_INFINITY} for none). Immutable.
 *
 * @param batchSize        examples per minibatch
 * @param stepSeconds      fit time of one minibatch on one worker
 * @param parameters       parameters of the model
 * @param bytes            bytes of one copy of parameters and updater state
 * @param latencySeconds   fixed time per averaging round (scheduling, job and broadcast set-up)
 * @param secondsPerByte   processing time per byte of each copy on the critical path
 * @param aggregationDepth the tree aggregation's depth
 */
public record CostModel(int batchSize, double stepSeconds, long parameters, long bytes, double latencySeconds,
                        double secondsPerByte, int aggregationDepth) {

    /** Checks the values. */
    public CostModel {
        if (batchSize < 1 || parameters < 1 || bytes < 1 || aggregationDepth < 1) {
            throw new IllegalArgumentException("batchSize, parameters, bytes and aggregationDepth must be positive");
        }
        if (!(stepSeconds > 0) || !(latencySeconds >= 0) || !(secondsPerByte >= 0)) {
            throw new IllegalArgumentException("stepSeconds must be positive, latency and secondsPerByte non-negative,"
                    + " got " + stepSeconds + ", " + latencySeconds + ", " + secondsPerByte);
        }
    }

    /**
     * The same model for a network of {@code targetParameters} parameters: bytes and step time scale with
     * the parameter count (same sequence length and batch, so the fit's work is proportional to it).
     */
    public CostModel scaledTo(long targetParameters) {
        double factor = targetParameters / (double) parameters;
        return new CostModel(batchSize, stepSeconds * factor, targetParameters, Math.round(bytes * factor),
                latencySeconds, secondsPerByte, aggregationDepth);
    }

    /**
     * Copies of parameters and updater state on the critical path of one round of {@code workers} with a
     * tree aggregation of depth {@code depth}: the broadcast and the aggregated results.
     */
    public static int copies(int workers, int depth) {
        return 1 + new TreeAggregation(workers, depth).resultsOnCriticalPath();
    }

    /** Communication time of one round of {@code workers} over links of {@code bitsPerSecond}. */
    public double communicationSeconds(int workers, double bitsPerSecond) {
        return latencySeconds + copies(workers, aggregationDepth) * (double) bytes * (secondsPerByte + 8 / bitsPerSecond);
    }

    /** Wall time of one split: {@code averagingFrequency} minibatches per worker, then one round. */
    public double splitSeconds(int workers, int averagingFrequency, double bitsPerSecond) {
        return averagingFrequency * stepSeconds + communicationSeconds(workers, bitsPerSecond);
    }

    /** Examples per second of {@code workers} workers. */
    public double examplesPerSecond(int workers, int averagingFrequency, double bitsPerSecond) {
        return (double) workers * averagingFrequency * batchSize
                / splitSeconds(workers, averagingFrequency, bitsPerSecond);
    }

    /** Throughput over that of {@code workers} workers that only fit: the share of a split spent fitting. */
    public double efficiency(int workers, int averagingFrequency, double bitsPerSecond) {
        return averagingFrequency * stepSeconds / splitSeconds(workers, averagingFrequency, bitsPerSecond);
    }

    /**
     * The smallest averaging frequency whose efficiency reaches {@code target} (in (0, 1)):
     * {@code ceil(target / (1 − target) · comm / step)}, at least 1.
     */
    public int smallestAveragingFrequency(int workers, double bitsPerSecond, double target) {
        if (!(target > 0 && target < 1)) {
            throw new IllegalArgumentException("target efficiency must lie in (0, 1), got " + target);
        }
        double needed = target / (1 - target) * communicationSeconds(workers, bitsPerSecond) / stepSeconds;
        return (int) Math.max(1, Math.ceil(needed - 1e-9));
    }
}
