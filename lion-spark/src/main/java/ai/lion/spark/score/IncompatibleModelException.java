package ai.lion.spark.score;

import java.util.List;

/**
 * A model cannot score the rows it was given: its input kind, vocabulary, feature width or number of
 * classes differs from the data spec, or it is not a classifier the scorer can read. Thrown on the
 * driver, before any Spark job starts.
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
