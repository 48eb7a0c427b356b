package ai.lion.jobs.config;

/** The learning-rate schedule after the linear warm-up ({@code train.lr-schedule}). */
public enum LearningRateSchedule {
    /** Stay at {@code train.learning-rate}. */
    CONSTANT,
    /** Cosine decay from {@code train.learning-rate} to {@code train.min-learning-rate} at the last epoch. */
    COSINE
}
