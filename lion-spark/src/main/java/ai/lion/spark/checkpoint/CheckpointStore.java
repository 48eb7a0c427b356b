package ai.lion.spark.checkpoint;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import ai.lion.core.models.LionConfig;
import ai.lion.core.models.LionModel;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.UnsupportedFileSystemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Training checkpoints in one directory of any Hadoop file system ({@code hdfs://}, {@code file://},
 * or any scheme whose {@code FileSystem} is on the classpath).
 *
 * <p>Layout of the root directory:
 * <pre>
 * ckpt-000011/                 committed checkpoints, numbered 1, 2, ... in write order
 *   model.zip                  the LionModel: parameters + updater state, LionConfig, provenance
 *   metrics.jsonl              the metrics so far
 *   manifest.json              sequence, time, cursor, scores, size + SHA-256 of the files above
 *   manifest.json.sha256       SHA-256 of manifest.json
 * ckpt-000012/
 * _tmp-ckpt-000013-&lt;uuid&gt;/    an interrupted write: ignored, deleted by the next write or {@link #recover()}
 * _corrupt-ckpt-000010/        a checkpoint found damaged, moved aside (never read, never deleted)
 * metrics.jsonl/               the {@link MetricsLog}
 * _run-lock.json               the {@link RunLock} of the training run writing here
 * </pre>
 * A checkpoint is written under its {@code _tmp-} name and becomes visible with a single directory
 * rename, so readers see either all of it or nothing. After each write the {@link RetentionPolicy}
 * decides which older checkpoints to delete.
 *
 * <p>Reading ({@link #list()}, {@link #latestValid()}, {@link #load}) never modifies the store. A
 * checkpoint an older version of the project wrote (manifest format 1) is not passed over as damaged:
 * reading it throws {@link UnsupportedCheckpointFormatException}. One
 * writer per root: a training run takes the root's {@link #lock lock} before it {@link #recover()}s and
 * writes; the class is not thread-safe.
 *
 * <p>On HDFS every file close waits until the DataNodes have reported the last block; the client polls
 * for that from {@code dfs.client.block.write.locateFollowingBlock.initial.delay.ms} (400 ms by default),
 * so a write of four files can spend a second or two waiting, whatever the model size. Lower that client
 * setting (for example to 25 ms, with {@code ...locateFollowingBlock.retries} raised to 10) if
 * checkpoints are frequent.
 */
public final class CheckpointStore {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);

    private final FileSystem fs;
    private final Path root;
    private final RetentionPolicy retention;
    private final SequencedEntries checkpoints;
    private final CheckpointReader reader;
    private final CheckpointWriter writer;

    private CheckpointStore(FileSystem fs, Path root, RetentionPolicy retention) {
        this.fs = fs;
        this.root = root;
        this.retention = retention;
        this.checkpoints = new SequencedEntries(fs, root, "ckpt-", "");
        this.reader = new CheckpointReader(fs);
        this.writer = new CheckpointWriter(fs);
    }

    /** Opens the store at {@code root} with the {@linkplain RetentionPolicy#defaults() default retention}. */
    public static CheckpointStore open(String root, Configuration conf) throws IOException {
        return open(root, conf, RetentionPolicy.defaults());
    }

    /**
     * Opens the store at {@code root}, a URI or path (resolved against {@code fs.defaultFS} when it
     * has no scheme). The directory is created by the first write.
     *
     * @throws IllegalArgumentException if no file system serves the root's scheme, or the root is a file
     */
    public static CheckpointStore open(String root, Configuration conf, RetentionPolicy retention) throws IOException {
        if (root == null || root.isBlank()) {
            throw new IllegalArgumentException("checkpoint root must not be blank, got '" + root + "'");
        }
        Objects.requireNonNull(conf, "conf");
        Objects.requireNonNull(retention, "retention");
        Path path;
        try {
            path = new Path(root);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("checkpoint root '" + root + "' is not a valid path: " + e.getMessage(), e);
        }
        FileSystem fs;
        try {
            fs = path.getFileSystem(conf);
        } catch (UnsupportedFileSystemException e) {
            throw new IllegalArgumentException("checkpoint root '" + root + "': no Hadoop FileSystem for scheme '"
                    + path.toUri().getScheme() + "' is on the classpath (" + e.getMessage() + ")", e);
        }
        Path qualified = fs.makeQualified(path);
        if (isFile(fs, qualified)) {
            throw new IllegalArgumentException("checkpoint root '" + qualified + "' is a file, not a directory");
        }
        return new CheckpointStore(fs, qualified, retention);
    }

    private static boolean isFile(FileSystem fs, Path path) throws IOException {
        try {
            return fs.getFileStatus(path).isFile();
        } catch (FileNotFoundException e) {
            return false;
        }
    }

    /** The root directory, fully qualified. */
    public Path root() {
        return root;
    }

    /** The retention policy applied after each write. */
    public RetentionPolicy retention() {
        return retention;
    }

    /** The JSON-lines metrics log beside the checkpoints. */
    public MetricsLog metricsLog() {
        return new MetricsLog(fs, new Path(root, MetricsLog.DIRECTORY_NAME));
    }

    /**
     * Takes the exclusive {@link RunLock} of this root for a run of Spark application {@code application}
     * (creating the root if needed, which also proves that it is writable).
     *
     * @param takeOver take the lock from a run that holds it (that run must be dead)
     * @throws RunLockedException if another live run holds the lock
     * @throws IOException        naming the root if it cannot be written
     */
    public RunLock lock(String application, boolean takeOver) throws IOException {
        return RunLock.acquire(fs, root, Objects.requireNonNull(application, "application"), takeOver);
    }

    /**
     * For the writer, under the {@link #lock}: deletes the leftovers of interrupted writes (checkpoints
     * and metrics), moves every damaged checkpoint newer than the newest valid one aside to
     * {@code _corrupt-ckpt-NNNNNN} (logged at WARN with what is wrong), and returns the newest valid one.
     */
    public Optional<CheckpointInfo> recover() throws IOException {
        checkpoints.removeLeftovers();
        metricsLog().removeLeftovers();
        for (Map.Entry<Long, Path> entry : checkpoints.committed().descendingMap().entrySet()) {
            try {
                return Optional.of(verified(entry.getKey(), entry.getValue()));
            } catch (CorruptCheckpointException e) {
                Path aside = checkpoints.moveAside(entry.getKey());
                LOG.warn("Checkpoint {} is corrupt ({}); moved it aside to {} and trying the previous one",
                        e.location(), e.reason(), aside);
            }
        }
        return Optional.empty();
    }

    private CheckpointInfo verified(long sequence, Path location) throws IOException {
        Manifest manifest = reader.readManifest(location, sequence);
        reader.verify(location, manifest);
        return manifest.describe(location);
    }

    /**
     * Writes {@code checkpoint} atomically as the next checkpoint, then deletes the checkpoints the
     * retention policy does not keep. Leftovers of interrupted writes are deleted first.
     */
    public CheckpointInfo write(Checkpoint checkpoint) throws IOException {
        Objects.requireNonNull(checkpoint, "checkpoint");
        long started = System.nanoTime();
        Manifest manifest = checkpoints.add((temporary, sequence) -> writer.write(checkpoint, sequence, temporary));
        Path location = checkpoints.pathOf(manifest.sequence());
        LOG.info("Wrote checkpoint {} ({}) in {} ms", location, checkpoint.cursor(),
                (System.nanoTime() - started) / 1_000_000);
        applyRetention();
        return manifest.describe(location);
    }

    /**
     * The committed checkpoints whose manifests can be read, oldest first. Their other files are not
     * checked here; checkpoints with damaged manifests are logged and left out.
     */
    public List<CheckpointInfo> list() throws IOException {
        List<CheckpointInfo> described = new ArrayList<>();
        for (Map.Entry<Long, Path> entry : checkpoints.committed().entrySet()) {
            try {
                described.add(reader.readManifest(entry.getValue(), entry.getKey()).describe(entry.getValue()));
            } catch (CorruptCheckpointException e) {
                LOG.warn("Ignoring checkpoint {}: {}", e.location(), e.reason());
            }
        }
        return described;
    }

    /**
     * The newest checkpoint whose every file matches its manifest. Newer damaged checkpoints are
     * logged (with their path and what is wrong) and passed over. Empty if there is none.
     */
    public Optional<CheckpointInfo> latestValid() throws IOException {
        for (Map.Entry<Long, Path> entry : checkpoints.committed().descendingMap().entrySet()) {
            try {
                return Optional.of(verified(entry.getKey(), entry.getValue()));
            } catch (CorruptCheckpointException e) {
                LOG.warn("Skipping corrupt checkpoint {}: {}; trying the previous one", e.location(), e.reason());
            }
        }
        return Optional.empty();
    }

    /** The best checkpoint by the retention policy's metric, per the manifests (not verified). */
    public Optional<CheckpointInfo> best() throws IOException {
        return retention.best(list());
    }

    /**
     * Checks every file of a checkpoint against its manifest.
     *
     * @throws CorruptCheckpointException naming the damaged file and what is wrong with it
     */
    public void verify(CheckpointInfo checkpoint) throws IOException {
        Path location = locationOf(checkpoint);
        reader.verify(location, reader.readManifest(location, checkpoint.sequence()));
    }

    /**
     * The configuration of a checkpoint's model, read after every file of the checkpoint is checked
     * against its manifest; the network itself is not deserialised.
     *
     * @throws CorruptCheckpointException if any file does not match the manifest
     */
    public LionConfig config(CheckpointInfo checkpoint) throws IOException {
        verify(checkpoint);
        Path model = new Path(locationOf(checkpoint), CheckpointFiles.MODEL);
        try (InputStream in = fs.open(model)) {
            return LionModel.readConfig(in, "checkpoint file " + model);
        }
    }

    /**
     * Loads a checkpoint: the LionModel with its updater state, the cursor, the metrics and scores.
     * Every byte is checked against the manifest on the way.
     *
     * @throws CorruptCheckpointException if any file does not match the manifest
     */
    public Checkpoint load(CheckpointInfo checkpoint) throws IOException {
        Path location = locationOf(checkpoint);
        Checkpoint loaded = reader.load(location, reader.readManifest(location, checkpoint.sequence()));
        LOG.info("Loaded checkpoint {} ({})", location, loaded.cursor());
        return loaded;
    }

    private Path locationOf(CheckpointInfo checkpoint) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        Path expected = checkpoints.pathOf(checkpoint.sequence());
        if (!expected.equals(checkpoint.location())) {
            throw new IllegalArgumentException("checkpoint " + checkpoint.location() + " is not in store " + root);
        }
        return expected;
    }

    /**
     * Deletes what the policy does not keep, and moves aside checkpoints whose manifests cannot be read
     * (they never count among the kept ones); failures are logged, not thrown: the checkpoint is already safe.
     */
    private void applyRetention() {
        try {
            List<CheckpointInfo> described = list();
            Set<Long> keep = retention.retained(described);
            Set<Long> readable = new HashSet<>();
            described.forEach(info -> readable.add(info.sequence()));
            for (long sequence : checkpoints.committed().keySet()) {
                if (!readable.contains(sequence)) {
                    LOG.warn("Moved checkpoint {}, whose manifest cannot be read, aside to {}",
                            checkpoints.pathOf(sequence), checkpoints.moveAside(sequence));
                } else if (!keep.contains(sequence)) {
                    checkpoints.delete(sequence);
                    LOG.info("Deleted checkpoint {} ({})", checkpoints.pathOf(sequence), retention);
                }
            }
        } catch (IOException e) {
            LOG.warn("Could not apply retention ({}) in {}; the next write retries", retention, root, e);
        }
    }
}
