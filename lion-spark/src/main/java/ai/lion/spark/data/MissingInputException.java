package ai.lion.spark.data;

/** An input path holds no data: it does not exist, or it is a directory without data files. */
public final class MissingInputException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String path;

    MissingInputException(String path, String problem) {
        super("Parquet input " + path + " " + problem);
        this.path = path;
    }

    /** The input path, fully qualified. */
    public String path() {
        return path;
    }
}
