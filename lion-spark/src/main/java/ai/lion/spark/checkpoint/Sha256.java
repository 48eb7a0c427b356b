package ai.lion.spark.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests (lower-case hex) and sizes of byte streams. */
final class Sha256 {

    private Sha256() {
    }

    /** The size and SHA-256 of some bytes. */
    record Digest(long bytes, String sha256) {

        /** The digest {@code digest} has computed over {@code bytes} bytes. */
        static Digest of(long bytes, MessageDigest digest) {
            return new Digest(bytes, HexFormat.of().formatHex(digest.digest()));
        }
    }

    /** The digest of {@code data}. */
    static Digest of(byte[] data) {
        MessageDigest digest = newDigest();
        digest.update(data);
        return Digest.of(data.length, digest);
    }

    /** Copies {@code in} to its end into {@code out} and returns the digest of what was copied. */
    static Digest copy(InputStream in, OutputStream out) throws IOException {
        DigestInputStream digesting = new DigestInputStream(in, newDigest());
        return Digest.of(digesting.transferTo(out), digesting.getMessageDigest());
    }

    /** A fresh SHA-256 digest. */
    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides SHA-256", e);
        }
    }
}
