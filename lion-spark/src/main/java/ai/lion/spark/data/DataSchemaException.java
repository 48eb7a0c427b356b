package ai.lion.spark.data;

/** A DataFrame lacks a column the {@link BatchSpec} needs, or a column has the wrong type. */
public final class DataSchemaException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    DataSchemaException(String message) {
        super(message);
    }
}
