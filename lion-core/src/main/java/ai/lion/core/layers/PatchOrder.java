package ai.lion.core.layers;

/**
 * The order in which LION attention scans a sequence of image patches (docs/lion-math.md §8).
 */
public enum PatchOrder {
    /** One scan in sequence (raster) order. */
    NORMAL,
    /**
     * The "♮" variants: a cls token followed by an S×S patch grid, scanned along two snake curves
     * (row-wise and column-wise, see {@link PatchCurves}), each with its own decay parameters; the two
     * masks, each mapped back to raster order, are averaged.
     */
    CURVE
}
