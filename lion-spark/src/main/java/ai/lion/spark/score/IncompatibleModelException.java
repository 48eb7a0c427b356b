package ai.lion.spark.score;

import java.util.List;

/**
 * A model cannot score the rows it was given: it is not a classifier (a masked-language model), or the
 * data settings do not fit it (a pad id outside its vocabulary, a maximum length it cannot read).
 * Thrown on the driver, before any Spark job starts; rows that do not fit the model (a wrong column
 * type, ids outside the vocabulary, a patch length that is not the model's) are reported as schema
 * errors or bad rows instead.
 */
public final class IncompatibleModelException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String model;
    private final List<String> mismatches;

    IncompatibleModelException(String model, List<String> mismatches) {
        super("model " + model + " cannot score these rows: " + String.join("; ", mismatches));
        this.model = model;
        this.mismatches = List.copyOf(mismatches);
    }

    /** The model's location (a path, or a description of an in-memory model). */
    public String model() { return model; }

    /** Every mismatch found, one sentence each. */
    public List<String> mismatches() { return mismatches; }
}
