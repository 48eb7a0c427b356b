package ai.lion.spark.train;

/**
 * The learning rate as a function of training progress: a linear warm-up from 0 to the peak rate,
 * then a half-cosine decay from the peak to the final rate at the end of the last epoch.
 *
 * <p>Progress is measured in epochs ({@code 2.5} = half-way through the third epoch). The trainer
 * evaluates the schedule at the middle of every split and sets the result on the driver network
 * before the split is trained, so the rate depends only on where training stands, never on how many
 * times the driver was restarted.
 *
 * <pre>{@code
 * LearningRateSchedule.warmupCosine(1e-3, 0.5, 1e-5)   // half an epoch of warm-up, decay to 1e-5
 * LearningRateSchedule.constant(3e-4)
 * }</pre>
 *
 * @param peakRate     the rate reached at the end of the warm-up, &gt; 0
 * @param warmupEpochs length of the warm-up in epochs, &ge; 0 (0: start at the peak)
 * @param finalRate    the rate at the end of training, in [0, peakRate]
 */
public record LearningRateSchedule(double peakRate, double warmupEpochs, double finalRate) {

    /** Validates the three settings; the message names the setting and its value. */
    public LearningRateSchedule {
        if (!(peakRate > 0) || Double.isInfinite(peakRate)) {
            throw new IllegalArgumentException("peakRate must be positive and finite, got " + peakRate);
        }
        if (!(warmupEpochs >= 0) || Double.isInfinite(warmupEpochs)) {
            throw new IllegalArgumentException("warmupEpochs must be non-negative and finite, got " + warmupEpochs);
        }
        if (!(finalRate >= 0 && finalRate <= peakRate)) {
            throw new IllegalArgumentException("finalRate must lie in [0, peakRate=" + peakRate + "], got " + finalRate);
        }
    }

    /** What the rate does after the warm-up. */
    public enum Decay {
        /** Stay at the peak rate. */
        CONSTANT,
        /** Half-cosine decay from the peak rate to the minimum rate at the end of the last epoch. */
        COSINE
    }

    /**
     * Linear warm-up over {@code warmupEpochs} to {@code peakRate}, then {@code decay}: to {@code minRate}
     * ({@link Decay#COSINE}) or none ({@link Decay#CONSTANT}, {@code minRate} unused). The schedule of the
     * jobs' {@code train} section and of the Spark ML estimator.
     */
    public static LearningRateSchedule of(double peakRate, double warmupEpochs, Decay decay, double minRate) {
        double finalRate = switch (decay) {
            case COSINE -> minRate;
            case CONSTANT -> peakRate;
        };
        return new LearningRateSchedule(peakRate, warmupEpochs, finalRate);
    }

    /** The same rate throughout. */
    public static LearningRateSchedule constant(double rate) {
        return new LearningRateSchedule(rate, 0, rate);
    }

    /** Linear warm-up over {@code warmupEpochs}, then cosine decay from {@code peakRate} to {@code finalRate}. */
    public static LearningRateSchedule warmupCosine(double peakRate, double warmupEpochs, double finalRate) {
        return new LearningRateSchedule(peakRate, warmupEpochs, finalRate);
    }

    /**
     * The rate at {@code progress} epochs into a run of {@code totalEpochs} epochs.
     *
     * @throws IllegalArgumentException if progress lies outside [0, totalEpochs] or the warm-up does not
     *                                  end before the last epoch does
     */
    public double rateAt(double progress, int totalEpochs) {
        requireFitsInto(totalEpochs);
        if (!(progress >= 0 && progress <= totalEpochs)) {
            throw new IllegalArgumentException("progress must lie in [0, " + totalEpochs + "] epochs, got " + progress);
        }
        if (progress < warmupEpochs) {
            return peakRate * progress / warmupEpochs;
        }
        double decayed = (progress - warmupEpochs) / (totalEpochs - warmupEpochs);
        return finalRate + (peakRate - finalRate) * 0.5 * (1 + Math.cos(Math.PI * decayed));
    }

    /** Checks that the warm-up ends before a run of {@code totalEpochs} epochs does. */
    void requireFitsInto(int totalEpochs) {
        if (totalEpochs < 1) {
            throw new IllegalArgumentException("totalEpochs must be at least 1, got " + totalEpochs);
        }
        if (warmupEpochs >= totalEpochs) {
            throw new IllegalArgumentException("warmupEpochs (" + warmupEpochs + ") must be shorter than the run ("
                    + totalEpochs + " epochs)");
        }
    }
}
