package ai.lion.spark.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ai.lion.spark.testing.LogCapture;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@link CheckpointStore} contract on the local file system ({@code file://}, Hadoop's
 * checksummed {@code LocalFileSystem}), plus what only a local file system can show.
 */
class CheckpointStoreLocalTest extends CheckpointStoreContract {

    @TempDir
    java.nio.file.Path directory;

    private final AtomicInteger runs = new AtomicInteger();

    @Override
    protected String newRoot() {
        return directory.resolve("run-" + runs.incrementAndGet()).toUri().toString();
    }

    @Override
    protected Configuration conf() {
        return new Configuration();
    }

    @Override
    protected FileSystem fileSystem() throws IOException {
        return FileSystem.getLocal(conf());
    }

    /** The checksummed local file system cannot truncate; rewriting the first bytes is the same damage. */
    @Override
    protected void truncate(Path file, long newLength) throws IOException {
        try (InputStream in = fileSystem().open(file)) {
            replaceContent(file, Arrays.copyOf(in.readAllBytes(), Math.toIntExact(newLength)));
        }
    }

    @Override
    protected void replaceContent(Path file, byte[] content) throws IOException {
        try (OutputStream out = fileSystem().create(file, true)) {
            out.write(content);
        }
    }

    @Test
    void bitRotCaughtByTheLocalFileSystemsOwnChecksumAlsoCountsAsCorruption() throws IOException {
        CheckpointStore store = CheckpointStore.open(newRoot(), conf());
        var graph = TestModels.trained(8, 1);
        CheckpointInfo previous = store.write(Checkpoint.builder(graph, new TrainingCursor(1, 0)).build());
        CheckpointInfo newest = store.write(Checkpoint.builder(graph, new TrainingCursor(2, 0)).build());
        // flip a bit in the raw file, leaving Hadoop's .model.zip.crc as it was
        java.nio.file.Path raw = java.nio.file.Path.of(new Path(newest.location(), CheckpointFiles.MODEL).toUri());
        byte[] bytes = Files.readAllBytes(raw);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(raw, bytes);

        try (LogCapture log = LogCapture.of("ai.lion.spark.checkpoint")) {
            assertEquals(Optional.of(previous), store.latestValid());
            assertTrue(log.warned(newest.location().toString(), CheckpointFiles.MODEL + " cannot be read: Checksum error"),
                    log.warnings()::toString);
        }
    }

    @Test
    void aRootOnAnUnknownSchemeIsRejectedNamingTheRootAndScheme() {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> CheckpointStore.open("nosuchfs://cluster-a/runs/vit", conf()));
        assertTrue(failure.getMessage().startsWith(
                "checkpoint root 'nosuchfs://cluster-a/runs/vit': no Hadoop FileSystem for scheme 'nosuchfs'"),
                failure::getMessage);
    }

    @Test
    void aBlankRootIsRejected() {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> CheckpointStore.open(" ", conf()));
        assertEquals("checkpoint root must not be blank, got ' '", failure.getMessage());
    }

    @Test
    void aLockOfADriverProcessOfThisHostThatHasEndedIsTakenOver() throws Exception {
        CheckpointStore store = CheckpointStore.open(newRoot(), conf());
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Files.createDirectories(java.nio.file.Path.of(store.root().toUri()));
        java.nio.file.Path lockFile = java.nio.file.Path.of(new Path(store.root(), RunLock.FILE_NAME).toUri());
        RunLockOwner dead = RunLockOwner.current("app-dead");
        Files.write(lockFile, new RunLockOwner(dead.host(), ended.pid(), dead.application(), dead.started(),
                dead.token()).toJson());

        try (LogCapture log = LogCapture.of("ai.lion.spark.checkpoint"); RunLock lock = store.lock("app-new", false)) {
            assertTrue(log.warned("pid " + ended.pid(), "process " + ended.pid() + " has ended"), log.warnings()::toString);
            lock.requireHeld();
        }
    }

    @Test
    void aReadOnlyRootFailsTheLockNamingTheDirectory() throws IOException {
        java.nio.file.Path root = directory.resolve("read-only");
        Files.createDirectories(root);
        assertTrue(root.toFile().setWritable(false), "made read-only");
        try {
            assumeFalse(Files.isWritable(root), "the permission binds this user (it does not bind root)");
            assertNotWritable(CheckpointStore.open(root.toUri().toString(), conf()));
        } finally {
            root.toFile().setWritable(true);
        }
    }

    @Test
    void aRootBeneathAFileFailsTheLockNamingTheDirectory() throws IOException {
        java.nio.file.Path file = Files.writeString(directory.resolve("a-file"), "not a directory");
        assertNotWritable(CheckpointStore.open(file.resolve("run").toUri().toString(), conf()));
    }

    private static void assertNotWritable(CheckpointStore store) {
        IOException failure = assertThrows(IOException.class, () -> store.lock("app", false));
        assertTrue(failure.getMessage().startsWith("The checkpoint directory " + store.root() + " is not writable ("),
                failure::getMessage);
        assertTrue(failure.getMessage().endsWith("); make it writable or choose another directory"),
                failure::getMessage);
    }
}
