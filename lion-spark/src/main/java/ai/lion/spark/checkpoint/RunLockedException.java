package ai.lion.spark.checkpoint;

import java.io.IOException;
import org.apache.hadoop.fs.Path;

/** Another training run holds the {@link RunLock} of a checkpoint directory. */
public final class RunLockedException extends IOException {

    private final Path root;

    RunLockedException(Path root, String holder) {
        super("checkpoint directory " + root + " is locked by another training run (" + holder + "; lock file "
                + new Path(root, RunLock.FILE_NAME) + ")");
        this.root = root;
    }

    /** The locked checkpoint directory. */
    public Path root() {
        return root;
    }
}
