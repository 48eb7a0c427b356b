package ai.lion.datasets;

import java.io.Serializable;

/** A set of lengths {@code 0..maxLength} as a bit set, with the sum of two sets. */
final class LengthSet implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int maxLength;
    private final long[] words;

    LengthSet(int maxLength) {
        this.maxLength = maxLength;
        this.words = new long[(maxLength >> 6) + 1];
    }

    static LengthSet of(int maxLength, int... lengths) {
        LengthSet set = new LengthSet(maxLength);
        for (int length : lengths) {
            set.add(length);
        }
        return set;
    }

    void add(int length) {
        if (length <= maxLength) {
            words[length >> 6] |= 1L << length;
        }
    }

    boolean contains(int length) {
        return length >= 0 && length <= maxLength && (words[length >> 6] & 1L << length) != 0;
    }

    /** The largest member, or -1 if the set is empty. */
    int max() {
        for (int w = words.length - 1; w >= 0; w--) {
            if (words[w] != 0) {
                return (w << 6) + 63 - Long.numberOfLeadingZeros(words[w]);
            }
        }
        return -1;
    }

    /** {@code {a + b : a in this, b in other, a + b <= maxLength}}. */
    LengthSet plus(LengthSet other) {
        LengthSet sum = new LengthSet(maxLength);
        for (int b = other.nextMember(0); b >= 0; b = other.nextMember(b + 1)) {
            sum.orShifted(this, b);
        }
        return sum;
    }

    /** The smallest member {@code >= from}, or -1. */
    int nextMember(int from) {
        for (int length = from; length <= maxLength; length++) {
            if (contains(length)) {
                return length;
            }
        }
        return -1;
    }

    private void orShifted(LengthSet source, int shift) {
        int wordShift = shift >> 6;
        int bitShift = shift & 63;
        for (int w = words.length - 1; w >= wordShift; w--) {
            int from = w - wordShift;
            long value = source.words[from] << bitShift;
            if (bitShift != 0 && from > 0) {
                value |= source.words[from - 1] >>> (64 - bitShift);
            }
            words[w] |= value;
        }
        int lastBits = (maxLength & 63) + 1;
        if (lastBits < 64) {
            words[words.length - 1] &= (1L << lastBits) - 1;
        }
    }
}
