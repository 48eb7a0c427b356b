package ai.lion.spark.checkpoint;

import java.io.IOException;
import org.apache.hadoop.fs.Path;

/** A checkpoint directory cannot be written; found out before any training. */
public final class CheckpointNotWritableException extends IOException {

    private static final long serialVersionUID = 1L;

    CheckpointNotWritableException(Path root, IOException cause) {
        super("The checkpoint directory " + root + " is not writable (" + cause
                + "); make it writable or choose another directory", cause);
    }
}
