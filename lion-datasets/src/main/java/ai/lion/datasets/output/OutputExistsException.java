package ai.lion.datasets.output;

import org.apache.hadoop.fs.FileAlreadyExistsException;

/** The output path already exists and replacing it was not asked for; nothing was written. */
public final class OutputExistsException extends FileAlreadyExistsException {

    private static final long serialVersionUID = 1L;

    private final String path;

    OutputExistsException(String path) {
        super("output " + path + " already exists");
        this.path = path;
    }

    /** The existing output, fully qualified. */
    public String path() {
        return path;
    }
}
