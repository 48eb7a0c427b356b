package ai.lion.spark.checkpoint;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exclusive lock of one training run on its checkpoint directory: the file {@value #FILE_NAME}
 * in the root, holding the {@link RunLockOwner} (host, pid, Spark application, start time, token).
 *
 * <p>The file is created exclusively, which is atomic where it matters: on HDFS
 * {@code create(path, overwrite = false)} is decided by the NameNode; on the local file system Hadoop's
 * {@code create} checks and then creates (two processes can both pass the check), so the lock is
 * created there with {@code O_CREAT|O_EXCL} ({@link StandardOpenOption#CREATE_NEW}). Object stores
 * (s3a) have no exclusive create; there the lock only guards against runs started seconds apart.
 *
 * <p>While held, a daemon thread refreshes the file's modification time every {@link #HEARTBEAT}. A
 * lock is taken over, with a warning, when the caller asks for it, when its heartbeat is older than
 * {@link #STALE_AFTER}, when its holder is a process of this host that has ended, or when it belongs
 * to the same Spark application (an earlier YARN attempt of this driver). {@link #requireHeld()}
 * lets the holder notice that its lock was taken over before it writes again. {@link #close()} stops
 * the heartbeat and deletes the file if it is still this holder's.
 */
public final class RunLock implements AutoCloseable {

    /** Name of the lock file in the checkpoint root. */
    public static final String FILE_NAME = "_run-lock.json";
    /** How often the holder refreshes the lock. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(20);
    /** A lock whose heartbeat is older than this is taken over. */
    public static final Duration STALE_AFTER = Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger(RunLock.class);

    private final FileSystem fs;
    private final Path root;
    private final Path file;
    private final RunLockOwner owner;
    private final ScheduledExecutorService heartbeat;

    private RunLock(FileSystem fs, Path root, RunLockOwner owner, Duration interval) {
        this.fs = fs;
        this.root = root;
        this.file = new Path(root, FILE_NAME);
        this.owner = owner;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "lion-run-lock-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        heartbeat.scheduleWithFixedDelay(this::beat, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Takes the lock of {@code root} for the Spark application {@code application}.
     *
     * @param takeOver take the lock even if another run holds it (that run must be dead)
     * @throws RunLockedException if another live run holds it
     * @throws IOException        naming the root if it cannot be written
     */
    static RunLock acquire(FileSystem fs, Path root, String application, boolean takeOver) throws IOException {
        return acquire(fs, root, application, takeOver, HEARTBEAT);
    }

    static RunLock acquire(FileSystem fs, Path root, String application, boolean takeOver, Duration heartbeat)
            throws IOException {
        FileSystem lockFs = fs instanceof LocalFileSystem local ? local.getRaw() : fs;
        Path file = new Path(root, FILE_NAME);
        RunLockOwner me = RunLockOwner.current(application);
        for (int attempt = 0; attempt < 2; attempt++) {
            if (createExclusively(lockFs, root, file, me.toJson())) {
                LOG.info("Took the run lock {} ({})", file, me);
                return new RunLock(lockFs, root, me, heartbeat);
            }
            Optional<Holder> holder = Holder.read(lockFs, file);
            if (holder.isEmpty()) {
                continue; // released meanwhile
            }
            Optional<String> reason = holder.get().takeOverReason(takeOver, application);
            if (reason.isEmpty()) {
                throw new RunLockedException(root, holder.get().toString());
            }
            LOG.warn("Taking over the run lock {} from {}: {}", file, holder.get(), reason.get());
            lockFs.delete(file, false);
        }
        throw new RunLockedException(root, "another run took it at the same moment");
    }

    private static boolean createExclusively(FileSystem fs, Path root, Path file, byte[] content) throws IOException {
        try {
            if (!fs.mkdirs(root)) {
                throw new IOException("mkdirs returned false");
            }
        } catch (IOException e) {
            throw notWritable(root, e);
        }
        try {
            if (fs instanceof RawLocalFileSystem local) {
                Files.write(local.pathToFile(file).toPath(), content, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
                return true;
            }
            try (OutputStream out = fs.create(file, false)) {
                out.write(content);
            }
            return true;
        } catch (java.nio.file.FileAlreadyExistsException | org.apache.hadoop.fs.FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            if (fs.exists(file)) {
                return false; // another client is creating it (HDFS: AlreadyBeingCreatedException)
            }
            throw notWritable(root, e);
        }
    }

    private static IOException notWritable(Path root, IOException cause) {
        return new CheckpointNotWritableException(root, cause);
    }

    /** The checkpoint root this lock guards. */
    public Path root() {
        return root;
    }

    /**
     * Checks that this run still holds the lock.
     *
     * @throws IllegalStateException if another run has taken it over or deleted it
     */
    public void requireHeld() throws IOException {
        Optional<Holder> holder = Holder.read(fs, file);
        if (holder.isEmpty() || holder.get().owner().map(o -> !o.token().equals(owner.token())).orElse(true)) {
            throw new IllegalStateException("this training run lost its lock on " + root + " ("
                    + holder.map(h -> "now held by " + h).orElse("the lock file " + file + " was deleted")
                    + "); it stops so that two runs do not write the same checkpoints");
        }
    }

    private void beat() {
        try {
            Optional<Holder> holder = Holder.read(fs, file);
            if (holder.flatMap(Holder::owner).map(o -> o.token().equals(owner.token())).orElse(false)) {
                fs.setTimes(file, System.currentTimeMillis(), -1);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not refresh the run lock {}; retrying in {}", file, HEARTBEAT, e);
        }
    }

    /** Stops the heartbeat and deletes the lock file if this run still holds it. */
    @Override
    public void close() throws IOException {
        heartbeat.shutdownNow();
        Optional<Holder> holder = Holder.read(fs, file);
        if (holder.flatMap(Holder::owner).map(o -> o.token().equals(owner.token())).orElse(false)) {
            fs.delete(file, false);
            LOG.info("Released the run lock {}", file);
        }
    }

    /** The current holder as the lock file shows it: the owner (if complete) and the heartbeat's age. */
    private record Holder(Optional<RunLockOwner> owner, Duration age) {

        static Optional<Holder> read(FileSystem fs, Path file) throws IOException {
            try {
                long modified = fs.getFileStatus(file).getModificationTime();
                byte[] json;
                try (InputStream in = fs.open(file)) {
                    json = in.readAllBytes();
                }
                Duration age = Duration.ofMillis(Math.max(0, System.currentTimeMillis() - modified));
                return Optional.of(new Holder(RunLockOwner.parse(json), age));
            } catch (FileNotFoundException e) {
                return Optional.empty();
            }
        }

        /** Why this lock may be taken over; empty if it may not. */
        Optional<String> takeOverReason(boolean requested, String application) {
            if (requested) {
                return Optional.of("take-over requested");
            }
            if (age.compareTo(STALE_AFTER) > 0) {
                return Optional.of("its heartbeat is " + age.toSeconds() + " s old");
            }
            if (owner.isPresent() && owner.get().isDeadProcessOnThisHost()) {
                return Optional.of("process " + owner.get().pid() + " has ended");
            }
            if (owner.isPresent() && owner.get().application().equals(application) && !owner.get().isThisProcess()) {
                return Optional.of("it belongs to an earlier attempt of this Spark application");
            }
            return Optional.empty();
        }

        @Override
        public String toString() {
            return owner.map(RunLockOwner::toString).orElse("an owner still writing the lock")
                    + ", last heartbeat " + age.toSeconds() + " s ago";
        }
    }
}
