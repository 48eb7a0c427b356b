package ai.lion.datasets.output;

import java.io.IOException;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One output directory written through a staging directory, so that the target is either the old
 * output, untouched, or the complete new one.
 *
 * <p>The writer fills {@link #staging()}, a hidden directory beside the target on the same file system
 * ({@code .<name>.staging-<uuid>}), which does not exist yet. {@link #commit()} renames it to the target;
 * an existing target (allowed only with {@code overwrite}) is first renamed aside
 * ({@code .<name>.replaced-<uuid>}) and deleted only once the new output is in place, or renamed back if
 * the new one cannot be moved in. {@link #abort()} deletes the staging directory and leaves the target as
 * it was. Directory renames are atomic on HDFS and local file systems; on object stores such as
 * {@code s3a://} they are copies, so a crash during the commit can leave a partial output there.
 *
 * <pre>{@code
 * StagedOutput output = StagedOutput.begin("hdfs:///out/scores", overwrite, conf);
 * long rows = output.write(staging -> {
 *     dataFrame.write().parquet(staging.toString());
 *     return dataFrame.count();
 * });
 * }</pre>
 */
public final class StagedOutput {

    private static final Logger LOG = LoggerFactory.getLogger(StagedOutput.class);

    /** Fills the staging directory and returns what the caller wants to know about the write. */
    @FunctionalInterface
    public interface Body<T> {
        T write(Path staging) throws IOException;
    }

    private final FileSystem fs;
    private final Path target;
    private final Path staging;
    private final boolean overwrite;

    private StagedOutput(FileSystem fs, Path target, Path staging, boolean overwrite) {
        this.fs = fs;
        this.target = target;
        this.staging = staging;
        this.overwrite = overwrite;
    }

    /**
     * Plans the output at {@code target}; nothing is created yet.
     *
     * @throws OutputExistsException    if the target exists and {@code overwrite} is false
     * @throws IllegalArgumentException if the target is a file system root
     */
    public static StagedOutput begin(String target, boolean overwrite, Configuration conf) throws IOException {
        Path requested = new Path(target);
        FileSystem fs = requested.getFileSystem(conf);
        Path qualified = fs.makeQualified(requested);
        if (qualified.getParent() == null) {
            throw new IllegalArgumentException("the output path must not be a file system root: " + qualified);
        }
        refuseExisting(fs, qualified, overwrite);
        Path staging = sibling(qualified, "staging");
        return new StagedOutput(fs, qualified, staging, overwrite);
    }

    /** The target, fully qualified. */
    public Path target() {
        return target;
    }

    /** Where the writer puts the output; it does not exist until the writer creates it. */
    public Path staging() {
        return staging;
    }

    /**
     * Runs {@code body} on the staging directory and commits the result if, and only if, the body
     * completes; on any failure the staging directory is deleted and the target is left as it was.
     *
     * @return what {@code body} returned
     */
    public <T> T write(Body<T> body) throws IOException {
        boolean committed = false;
        try {
            T result = body.write(staging);
            commit();
            committed = true;
            return result;
        } finally {
            // Spark rethrows task failures as (undeclared, checked) SparkException: clean up on anything
            if (!committed) {
                abort();
            }
        }
    }

    /**
     * Moves the complete staging directory to the target, replacing an existing target only now.
     *
     * @throws OutputExistsException if the target appeared meanwhile and {@code overwrite} is false
     * @throws IOException           if a rename fails; the target then holds the old output
     */
    public void commit() throws IOException {
        if (!fs.exists(staging)) {
            throw new IOException("nothing to commit to " + target + ": the staging directory " + staging
                    + " was not written");
        }
        refuseExisting(fs, target, overwrite);
        Path previous = fs.exists(target) ? sibling(target, "replaced") : null;
        if (previous != null && !fs.rename(target, previous)) {
            throw new IOException("could not move the previous output " + target + " aside to " + previous);
        }
        if (!fs.rename(staging, target)) {
            if (previous != null && !fs.rename(previous, target)) {
                throw new IOException("could not rename " + staging + " to " + target + ", nor restore the previous "
                        + "output, which is now at " + previous);
            }
            throw new IOException("could not rename " + staging + " to " + target);
        }
        if (previous != null && !fs.delete(previous, true)) {
            LOG.warn("could not delete the previous output {}; delete it by hand", previous);
        }
    }

    /** Deletes the staging directory, if any; the target is not touched. */
    public void abort() {
        try {
            fs.delete(staging, true);
        } catch (IOException e) {
            LOG.warn("could not delete the staging directory {}: {}", staging, e.toString());
        }
    }

    private static Path sibling(Path target, String role) {
        return new Path(target.getParent(), "." + target.getName() + "." + role + "-" + UUID.randomUUID());
    }

    private static void refuseExisting(FileSystem fs, Path target, boolean overwrite) throws IOException {
        if (!overwrite && fs.exists(target)) {
            throw new OutputExistsException(target.toString());
        }
    }
}
