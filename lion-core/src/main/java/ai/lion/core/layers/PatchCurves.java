package ai.lion.core.layers;

import java.util.Arrays;

/**
 * Scan orders over a cls token followed by an S×S grid of patches in raster order
 * (position 0 = cls, position {@code 1 + r·S + c} = patch in row r, column c).
 *
 * <p>A scan order is an array {@code order} of length {@code 1 + S²} with {@code order[p]} = the
 * raster position visited at step p. Reordering a raster sequence x into scan order is
 * {@code x[order[p]]}; mapping a scan-order sequence back is {@code y[inverse(order)[r]]}.
 */
public final class PatchCurves {

    private PatchCurves() {
    }

    /**
     * The row snake (boustrophedon): cls, then even rows left to right and odd rows right to left.
     *
     * @param gridSide S, the number of patches per grid side (>= 1)
     */
    public static int[] rowSnake(int gridSide) {
        return snake(gridSide, false);
    }

    /**
     * The column snake: the row snake of the transposed grid. cls, then even columns top to bottom
     * and odd columns bottom to top.
     *
     * @param gridSide S, the number of patches per grid side (>= 1)
     */
    public static int[] columnSnake(int gridSide) {
        return snake(gridSide, true);
    }

    /**
     * The inverse permutation: {@code inverse(order)[order[p]] == p}.
     *
     * @throws IllegalArgumentException if {@code order} is not a permutation of 0..n-1
     */
    public static int[] inverse(int[] order) {
        int[] inverse = new int[order.length];
        Arrays.fill(inverse, -1);
        for (int p = 0; p < order.length; p++) {
            int r = order[p];
            if (r < 0 || r >= order.length || inverse[r] != -1) {
                throw new IllegalArgumentException("order is not a permutation of 0.." + (order.length - 1)
                        + ": bad or repeated entry " + r + " at index " + p);
            }
            inverse[r] = p;
        }
        return inverse;
    }

    /** The sequence length of a cls token plus an S×S grid: {@code 1 + S²}. */
    public static int sequenceLength(int gridSide) {
        requirePositive(gridSide);
        return Math.addExact(1, Math.multiplyExact(gridSide, gridSide));
    }

    private static int[] snake(int side, boolean transposed) {
        int[] order = new int[sequenceLength(side)];
        int p = 1; // order[0] = 0: the cls token comes first
        for (int line = 0; line < side; line++) {
            for (int step = 0; step < side; step++) {
                int along = line % 2 == 0 ? step : side - 1 - step;
                int row = transposed ? along : line;
                int column = transposed ? line : along;
                order[p++] = 1 + row * side + column;
            }
        }
        return order;
    }

    private static void requirePositive(int gridSide) {
        if (gridSide < 1) {
            throw new IllegalArgumentException("gridSide must be >= 1, got " + gridSide);
        }
    }
}
