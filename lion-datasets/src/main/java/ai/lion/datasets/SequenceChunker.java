package ai.lion.datasets;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a document into model sequences {@code [CLS] bytes [SEP]} of at most {@code maxLength} tokens.
 *
 * <p>Each piece holds up to {@code maxLength - 2} bytes. A piece ends after the last space or newline of
 * its window when that lies in the window's second half, otherwise at the last UTF-8 character boundary,
 * so no word is cut needlessly, no character is ever split, and every piece decodes on its own. The
 * pieces, concatenated, are exactly the document.
 */
public final class SequenceChunker {

    private final int maxLength;

    /** @param maxLength tokens per sequence including CLS and SEP; at least 6 */
    public SequenceChunker(int maxLength) {
        if (maxLength < 6) {
            throw new IllegalArgumentException("maxLength must be at least 6 (CLS, SEP and a 4-byte character), got "
                    + maxLength);
        }
        this.maxLength = maxLength;
    }

    /** The sequences of {@code document}, in order; none for an empty document. */
    public List<int[]> chunk(String document) {
        byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
        int window = maxLength - 2;
        List<int[]> sequences = new ArrayList<>();
        for (int start = 0; start < bytes.length; ) {
            int end = start + window >= bytes.length ? bytes.length : cut(bytes, start, start + window);
            sequences.add(frame(bytes, start, end));
            start = end;
        }
        return sequences;
    }

    /** Where to end a piece that starts at {@code start} and may not extend past {@code limit}. */
    private static int cut(byte[] bytes, int start, int limit) {
        for (int i = limit - 1; i >= start + (limit - start) / 2; i--) {
            if (bytes[i] == ' ' || bytes[i] == '\n') {
                return i + 1;
            }
        }
        int end = limit;
        while (isContinuationByte(bytes[end])) {
            end--;
        }
        return end;
    }

    private static boolean isContinuationByte(byte b) {
        return (b & 0xC0) == 0x80;
    }

    private static int[] frame(byte[] bytes, int from, int to) {
        int[] sequence = new int[to - from + 2];
        sequence[0] = ByteTokenizer.CLS;
        for (int i = from; i < to; i++) {
            sequence[i - from + 1] = ByteTokenizer.id(bytes[i]);
        }
        sequence[sequence.length - 1] = ByteTokenizer.SEP;
        return sequence;
    }
}
