package ai.lion.core.models;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Turns images into the patch sequences a {@link PatchInput} model reads. */
public final class ImagePatches {

    private ImagePatches() {
    }

    /**
     * Cuts {@code images} ({@code [batch, channels, side, side]}) into non-overlapping square patches.
     *
     * @return {@code [batch, channels·patchSize², (side/patchSize)²]}: patches in raster order, each
     *         flattened as {@code (channel, row, column)}; a new array
     */
    public static INDArray toSequence(INDArray images, int patchSize) {
        if (images.rank() != 4 || images.size(2) != images.size(3)) {
            throw new IllegalArgumentException("images must be [batch, channels, side, side], got shape "
                    + Arrays.toString(images.shape()));
        }
        long side = images.size(2);
        if (patchSize <= 0 || side % patchSize != 0) {
            throw new IllegalArgumentException("patchSize must be positive and divide the image side " + side
                    + ", got " + patchSize);
        }
        long batch = images.size(0);
        long channels = images.size(1);
        long grid = side / patchSize;
        return images.dup('c')
                .reshape('c', batch, channels, grid, patchSize, grid, patchSize)
                .permute(0, 1, 3, 5, 2, 4)
                .dup('c')
                .reshape('c', batch, channels * patchSize * patchSize, grid * grid);
    }
}
