package ai.lion.spark.checkpoint;

import java.io.Serializable;

/**
 * Where a training run resumes: the epoch, and the index of the next split to train within it.
 * {@code TrainingCursor(3, 0)} means "epoch 3 from its first split".
 *
 * @param epoch      zero-based epoch number, {@code >= 0}
 * @param splitIndex zero-based index of the next split within {@code epoch}, {@code >= 0}
 */
public record TrainingCursor(int epoch, int splitIndex) implements Serializable {

    /** The cursor of a run that has not trained anything yet. */
    public static final TrainingCursor START = new TrainingCursor(0, 0);

    /** Validates both indices. */
    public TrainingCursor {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
        }
        if (splitIndex < 0) {
            throw new IllegalArgumentException("splitIndex must be >= 0, got " + splitIndex);
        }
    }
}
