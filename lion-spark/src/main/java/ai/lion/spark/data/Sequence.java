package ai.lion.spark.data;

/**
 * One validated, unlabelled sequence read by a {@link SequenceReader}, ready to be put into a
 * minibatch with {@link SequenceReader#batch}.
 */
public final class Sequence {

    private final Example example;

    Sequence(Example example) {
        this.example = example;
    }

    /** Number of time steps (tokens or patches), after truncation if the spec truncates. */
    public int steps() {
        return example.steps();
    }

    Example example() {
        return example;
    }
}
