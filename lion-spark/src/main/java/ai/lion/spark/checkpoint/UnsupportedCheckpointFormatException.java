package ai.lion.spark.checkpoint;

import org.apache.hadoop.fs.Path;

/**
 * A checkpoint written by an older version of this project, in a format this version no longer reads
 * (format 1 stored a plain DL4J zip without the LION model configuration). It is not damaged, so it is
 * neither skipped nor moved aside: reading it fails with this exception, naming the checkpoint.
 */
public final class UnsupportedCheckpointFormatException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final transient Path location;

    UnsupportedCheckpointFormatException(Path location, long format, int supported) {
        super("Checkpoint " + location + " was written by an older version of lion (checkpoint format " + format
                + "; this version reads format " + supported + ", whose model.zip is a LION model file): retrain"
                + " into a new checkpoint root, or read it with the version that wrote it");
        this.location = location;
    }

    /** The checkpoint directory. */
    public Path location() {
        return location;
    }
}
