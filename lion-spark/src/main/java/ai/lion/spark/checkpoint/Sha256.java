package ai.lion.spark.checkpoint;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests (lower-case hex) and sizes of byte streams. */
final class Sha256 {

    private static final int BUFFER_BYTES = 1 << 16;

    private Sha256() {
    }

    /** The size and SHA-256 of some bytes. */
    record Digest(long bytes, String sha256) {
    }

    /** The digest of {@code data}. */
    static Digest of(byte[] data) {
        return new Digest(data.length, HexFormat.of().formatHex(newDigest().digest(data)));
    }

    /** Copies {@code in} to its end into {@code out} and returns the digest of what was copied. */
    static Digest copy(InputStream in, OutputStream out) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[BUFFER_BYTES];
        long total = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            digest.update(buffer, 0, n);
            out.write(buffer, 0, n);
            total += n;
        }
        return new Digest(total, HexFormat.of().formatHex(digest.digest()));
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides SHA-256", e);
        }
    }

    /** Passes bytes through to another stream while digesting and counting them. */
    static final class DigestingOutputStream extends FilterOutputStream {

        private final MessageDigest digest = newDigest();
        private long count;

        DigestingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            digest.update((byte) b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            digest.update(b, off, len);
            count += len;
        }

        /** The digest of everything written so far; call once, after the last write. */
        Digest digest() {
            return new Digest(count, HexFormat.of().formatHex(digest.digest()));
        }
    }
}
