package ai.lion.spark.train;

/** Why a training run ended. */
public enum StopReason {
    /** Every configured epoch was trained. */
    MAX_EPOCHS,
    /** The validation loss stopped improving (see {@link EarlyStopping}). */
    EARLY_STOPPING
}
