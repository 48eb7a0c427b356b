package ai.lion.spark.checkpoint;

import java.io.IOException;
import org.apache.hadoop.fs.Path;

/**
 * A checkpoint whose files do not match its manifest: a file is missing, truncated or altered,
 * or the manifest itself is damaged. Thrown instead of returning a model that may be wrong.
 */
public final class CorruptCheckpointException extends IOException {

    private final Path location;
    private final String reason;

    CorruptCheckpointException(Path location, String reason) {
        this(location, reason, null);
    }

    CorruptCheckpointException(Path location, String reason, Throwable cause) {
        super("Checkpoint " + location + " is corrupt: " + reason, cause);
        this.location = location;
        this.reason = reason;
    }

    /** The checkpoint directory. */
    public Path location() {
        return location;
    }

    /** What is wrong, without the location (for example "model.zip has 812 bytes, the manifest says 4096"). */
    public String reason() {
        return reason;
    }
}
