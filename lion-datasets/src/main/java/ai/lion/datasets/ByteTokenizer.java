package ai.lion.datasets;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A byte-level tokenizer: every UTF-8 byte {@code b} (0..255) is token {@code b + 4}; ids 0..3 are the
 * special tokens PAD, CLS, SEP and MASK. No text is ever out of vocabulary.
 */
public final class ByteTokenizer {

    public static final int PAD = 0;
    /** Starts every sequence. */
    public static final int CLS = 1;
    /** Ends every sequence. */
    public static final int SEP = 2;
    /** Reserved for masking at training time; never written by the preparer. */
    public static final int MASK = 3;
    /** Id of byte 0; byte {@code b} has id {@code BYTE_OFFSET + b}. */
    public static final int BYTE_OFFSET = 4;
    /** Number of token ids. */
    public static final int VOCAB_SIZE = BYTE_OFFSET + 256;

    private ByteTokenizer() {
    }

    /** The ids of the UTF-8 bytes of {@code text}, without special tokens. */
    public static int[] encode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int[] ids = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            ids[i] = id(bytes[i]);
        }
        return ids;
    }

    /** The id of one byte. */
    public static int id(byte b) {
        return BYTE_OFFSET + (b & 0xff);
    }

    /**
     * The text of byte tokens, skipping PAD, CLS and SEP.
     *
     * @throws IllegalArgumentException on MASK, an id outside the vocabulary, or bytes that are not
     *                                  valid UTF-8 (the message names the position)
     */
    public static String decode(int[] ids) {
        ByteBuffer bytes = ByteBuffer.allocate(ids.length);
        for (int i = 0; i < ids.length; i++) {
            int id = ids[i];
            if (id >= BYTE_OFFSET && id < VOCAB_SIZE) {
                bytes.put((byte) (id - BYTE_OFFSET));
            } else if (id != PAD && id != CLS && id != SEP) {
                throw new IllegalArgumentException("token " + id + " at position " + i + " is not a byte, PAD, CLS "
                        + "or SEP (vocabulary 0.." + (VOCAB_SIZE - 1) + ", MASK = " + MASK + ")");
            }
        }
        bytes.flip();
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the byte tokens are not valid UTF-8: " + e.getMessage(), e);
        }
    }
}
