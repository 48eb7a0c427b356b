package ai.lion.spark.train;

/**
 * Stops training when the validation loss has not improved for {@code patience} epochs in a row. An
 * epoch improves when its validation loss is lower than the best so far by more than {@code minDelta}.
 *
 * @param patience epochs without improvement that end training, &ge; 1
 * @param minDelta smallest decrease of the validation loss that counts as an improvement, &ge; 0
 */
public record EarlyStopping(int patience, double minDelta) {

    /** Validates both settings. */
    public EarlyStopping {
        if (patience < 1) {
            throw new IllegalArgumentException("patience must be at least 1 epoch, got " + patience);
        }
        if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
            throw new IllegalArgumentException("minDelta must be non-negative and finite, got " + minDelta);
        }
    }
}
