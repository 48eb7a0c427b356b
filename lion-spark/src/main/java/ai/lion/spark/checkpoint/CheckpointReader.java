package ai.lion.spark.checkpoint;

import ai.lion.core.models.LionModel;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.apache.hadoop.fs.ChecksumException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Reads one checkpoint directory and checks every byte against the manifest. Damage (a missing,
 * truncated or altered file, a manifest that does not match its checksum) is reported as a
 * {@link CorruptCheckpointException}; any other I/O failure (an unreachable file system) propagates
 * unchanged, so that an outage is never mistaken for a missing checkpoint.
 */
final class CheckpointReader {

    private static final int SHA256_HEX_CHARS = 64;

    private final FileSystem fs;

    CheckpointReader(FileSystem fs) {
        this.fs = fs;
    }

    /**
     * The manifest of {@code directory}, after checking it against {@code manifest.json.sha256}, its
     * sequence number against {@code sequence} (from the directory name), and that it lists every file.
     */
    Manifest readManifest(Path directory, long sequence) throws IOException {
        String checksumLine = new String(read(directory, CheckpointFiles.MANIFEST_CHECKSUM, InputStream::readAllBytes),
                StandardCharsets.UTF_8).strip();
        String expected = checksumLine.split("\\s+", 2)[0];
        if (expected.length() != SHA256_HEX_CHARS) {
            throw new CorruptCheckpointException(directory,
                    CheckpointFiles.MANIFEST_CHECKSUM + " holds no SHA-256: '" + checksumLine + "'");
        }
        byte[] json = read(directory, CheckpointFiles.MANIFEST, InputStream::readAllBytes);
        String actual = Sha256.of(json).sha256();
        if (!actual.equals(expected)) {
            throw new CorruptCheckpointException(directory, CheckpointFiles.MANIFEST + " has SHA-256 " + actual
                    + ", " + CheckpointFiles.MANIFEST_CHECKSUM + " says " + expected);
        }
        Manifest manifest = Manifest.parse(json, directory);
        if (manifest.sequence() != sequence) {
            throw new CorruptCheckpointException(directory,
                    "the manifest is for checkpoint " + manifest.sequence() + ", not " + sequence);
        }
        for (String name : CheckpointFiles.CONTENT) {
            entry(directory, manifest, name);
        }
        return manifest;
    }

    /** Reads every file listed in {@code manifest} and compares its size and SHA-256. */
    void verify(Path directory, Manifest manifest) throws IOException {
        for (Manifest.FileEntry entry : manifest.files()) {
            copyVerified(directory, entry, OutputStream.nullOutputStream());
        }
    }

    /** Loads the checkpoint, verifying each file as it is read. */
    Checkpoint load(Path directory, Manifest manifest) throws IOException {
        byte[] metrics = bytes(directory, manifest, CheckpointFiles.METRICS);
        return new Checkpoint(restoreModel(directory, manifest), manifest.cursor(), Json.linesOf(metrics),
                manifest.scores());
    }

    private LionModel restoreModel(Path directory, Manifest manifest) throws IOException {
        // DL4J restores from a local file (it copies any stream to one itself)
        java.nio.file.Path local = Files.createTempFile("lion-checkpoint-", ".zip");
        try {
            try (OutputStream out = Files.newOutputStream(local)) {
                copyVerified(directory, entry(directory, manifest, CheckpointFiles.MODEL), out);
            }
            Path model = new Path(directory, CheckpointFiles.MODEL);
            try {
                return LionModel.read(local.toFile(), model.toString(), true);
            } catch (IllegalArgumentException e) {
                throw new IOException("Checkpoint " + directory + ": " + CheckpointFiles.MODEL
                        + " matches its checksum but cannot be restored: " + e.getMessage(), e);
            }
        } finally {
            Files.deleteIfExists(local);
        }
    }

    private byte[] bytes(Path directory, Manifest manifest, String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        copyVerified(directory, entry(directory, manifest, name), out);
        return out.toByteArray();
    }

    private static Manifest.FileEntry entry(Path directory, Manifest manifest, String name)
            throws CorruptCheckpointException {
        return manifest.file(name).orElseThrow(() ->
                new CorruptCheckpointException(directory, "the manifest does not list " + name));
    }

    private void copyVerified(Path directory, Manifest.FileEntry entry, OutputStream sink) throws IOException {
        Sha256.Digest actual = read(directory, entry.name(), in -> Sha256.copy(in, sink));
        if (actual.bytes() != entry.bytes()) {
            throw new CorruptCheckpointException(directory, entry.name() + " has " + actual.bytes()
                    + " bytes, the manifest says " + entry.bytes());
        }
        if (!actual.sha256().equals(entry.sha256())) {
            throw new CorruptCheckpointException(directory, entry.name() + " has SHA-256 " + actual.sha256()
                    + ", the manifest says " + entry.sha256());
        }
    }

    /** Reads from a stream. */
    @FunctionalInterface
    private interface StreamReader<T> {
        T readFrom(InputStream in) throws IOException;
    }

    private <T> T read(Path directory, String name, StreamReader<T> reader) throws IOException {
        try (InputStream in = fs.open(new Path(directory, name))) {
            return reader.readFrom(in);
        } catch (FileNotFoundException e) {
            throw new CorruptCheckpointException(directory, name + " is missing", e);
        } catch (ChecksumException | EOFException e) {
            throw new CorruptCheckpointException(directory, name + " cannot be read: " + e.getMessage(), e);
        }
    }
}
