package ai.lion.spark.data;

/** Why a row cannot become part of a minibatch. */
public enum RowProblem {
    NULL_SEQUENCE("sequence is null"),
    EMPTY_SEQUENCE("sequence is empty"),
    NULL_ELEMENT("sequence contains a null element"),
    SEQUENCE_TOO_LONG("sequence is longer than the maximum length"),
    TOKEN_OUT_OF_RANGE("token id out of range"),
    NON_FINITE_VALUE("patch value is NaN or infinite"),
    PATCH_LENGTH_MISMATCH("patches length is not a multiple of the patch dimension"),
    INCOMPLETE_IMAGE("an augmented image lacks some of its patches"),
    NULL_LABEL("label is null"),
    LABEL_OUT_OF_RANGE("label out of range");

    private final String description;

    RowProblem(String description) {
        this.description = description;
    }

    /** A short human-readable description, used in error messages. */
    public String description() {
        return description;
    }
}
