package ai.lion.datasets;

import java.io.Serializable;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A multi-dimensional array of unsigned bytes read from an idx file, stored flat in row-major order.
 * Dimension 0 counts the items (images or labels); the others describe one item.
 */
public final class IdxArray implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final int[] dimensions;
    private final byte[] data;

    IdxArray(String source, int[] dimensions, byte[] data) {
        this.source = source;
        this.dimensions = dimensions.clone();
        this.data = data;
    }

    /** The file the array was read from. */
    public String source() {
        return source;
    }

    public int[] dimensions() {
        return dimensions.clone();
    }

    public int rank() {
        return dimensions.length;
    }

    /** Size of dimension 0: the number of items. */
    public int count() {
        return dimensions[0];
    }

    /** Number of values per item (the product of dimensions 1..rank-1; 1 for a rank-1 array). */
    public int itemSize() {
        int size = 1;
        for (int d = 1; d < dimensions.length; d++) {
            size *= dimensions[d];
        }
        return size;
    }

    /** The value at flat index {@code index}, 0..255. */
    public int unsigned(int index) {
        return data[index] & 0xff;
    }

    /** The flat data, shared (not copied): callers must not modify it. */
    byte[] data() {
        return data;
    }

    /** The dimensions as text, e.g. {@code 60000x28x28}. */
    public String shape() {
        return Arrays.stream(dimensions).mapToObj(Integer::toString).collect(Collectors.joining("x"));
    }

    @Override
    public String toString() {
        return "IdxArray{" + source + ", " + shape() + "}";
    }
}
