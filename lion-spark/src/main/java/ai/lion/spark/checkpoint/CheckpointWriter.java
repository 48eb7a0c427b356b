package ai.lion.spark.checkpoint;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.time.Instant;
import java.util.List;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes the files of one checkpoint into a fresh directory, digesting every byte on its way out;
 * the manifest and its checksum go last.
 */
final class CheckpointWriter {

    private final FileSystem fs;

    CheckpointWriter(FileSystem fs) {
        this.fs = fs;
    }

    /** Writes {@code checkpoint} as number {@code sequence} into {@code directory} and returns its manifest. */
    Manifest write(Checkpoint checkpoint, long sequence, Path directory) throws IOException {
        if (!fs.mkdirs(directory)) {
            throw new IOException("Cannot create checkpoint directory " + directory);
        }
        List<Manifest.FileEntry> files = List.of(
                write(directory, CheckpointFiles.MODEL, out -> checkpoint.model().write(out, true)),
                write(directory, CheckpointFiles.METRICS, bytes(Json.linesToBytes(checkpoint.metricsLog()))));
        Manifest manifest = new Manifest(sequence, Instant.now(), checkpoint.cursor(), checkpoint.scores(), files);
        byte[] manifestJson = manifest.toJson();
        write(directory, CheckpointFiles.MANIFEST, bytes(manifestJson));
        write(directory, CheckpointFiles.MANIFEST_CHECKSUM,
                utf8(Sha256.of(manifestJson).sha256() + "  " + CheckpointFiles.MANIFEST + "\n"));
        return manifest;
    }

    /** Writes some bytes to a stream. */
    @FunctionalInterface
    private interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private Manifest.FileEntry write(Path directory, String name, Content content) throws IOException {
        FSDataOutputStream file = fs.create(new Path(directory, name), false);
        DigestOutputStream out = new DigestOutputStream(new BufferedOutputStream(file), Sha256.newDigest());
        try (out) {
            content.writeTo(out);
        }
        return Manifest.FileEntry.of(name, Sha256.Digest.of(file.getPos(), out.getMessageDigest()));
    }

    private static Content utf8(String text) {
        return bytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Content bytes(byte[] data) {
        return out -> out.write(data);
    }
}
