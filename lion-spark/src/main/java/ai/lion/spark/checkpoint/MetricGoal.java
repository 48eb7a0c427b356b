package ai.lion.spark.checkpoint;

/** Which way a score improves, for picking the best checkpoint. */
public enum MetricGoal {
    /** A loss, an error rate: smaller is better. */
    LOWER_IS_BETTER,
    /** An accuracy, an F1: larger is better. */
    HIGHER_IS_BETTER;

    /** Whether {@code candidate} is strictly better than {@code incumbent}. */
    public boolean isBetter(double candidate, double incumbent) {
        return this == LOWER_IS_BETTER ? candidate < incumbent : candidate > incumbent;
    }
}
