package ai.lion.datasets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Builds idx files for tests, byte by byte from the format description. */
final class IdxFiles {

    private IdxFiles() {
    }

    /** An unsigned-byte idx file with the given dimensions and data. */
    static byte[] idx(int[] dimensions, byte[] data) {
        ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * dimensions.length + data.length);
        buffer.put((byte) 0).put((byte) 0).put((byte) 0x08).put((byte) dimensions.length);
        for (int size : dimensions) {
            buffer.putInt(size); // ByteBuffer is big-endian by default
        }
        return buffer.put(data).array();
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    static Path write(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes);
        return file;
    }
}
