package ai.lion.datasets;

import java.io.Serializable;

/**
 * Cuts a single-channel image into square patches.
 *
 * <p>Patches are taken in row-major raster order (left to right, then top to bottom) and each patch is
 * flattened row-major; the result is {@code numPatches * patchDim} floats. A pixel {@code b} (0..255)
 * becomes {@code (b / 255 - mean) / std}.
 */
public final class PatchExtractor implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int height;
    private final int width;
    private final int patchSize;
    private final float[] valueOfPixel = new float[256];

    /**
     * @param statistics the mean and std to standardise with; {@link PixelStatistics#IDENTITY} keeps
     *                   values in [0, 1]
     */
    public PatchExtractor(int height, int width, int patchSize, PixelStatistics statistics) {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + height + "x" + width);
        }
        if (patchSize <= 0 || height % patchSize != 0 || width % patchSize != 0) {
            throw new IllegalArgumentException("patch size " + patchSize + " must be positive and divide the image "
                    + "size " + height + "x" + width);
        }
        this.height = height;
        this.width = width;
        this.patchSize = patchSize;
        for (int b = 0; b < 256; b++) {
            valueOfPixel[b] = (float) ((b / 255.0 - statistics.mean()) / statistics.std());
        }
    }

    public int numPatches() {
        return (height / patchSize) * (width / patchSize);
    }

    /** Values per patch: {@code patchSize * patchSize}. */
    public int patchDim() {
        return patchSize * patchSize;
    }

    /**
     * The patches of the image stored row-major at {@code pixels[offset .. offset + height * width)}.
     */
    public float[] extract(byte[] pixels, int offset) {
        if (offset < 0 || offset > pixels.length - height * width) {
            throw new IllegalArgumentException("an image of " + height + "x" + width + " at offset " + offset
                    + " does not fit in " + pixels.length + " pixels");
        }
        float[] patches = new float[numPatches() * patchDim()];
        int k = 0;
        for (int top = 0; top < height; top += patchSize) {
            for (int left = 0; left < width; left += patchSize) {
                for (int y = top; y < top + patchSize; y++) {
                    for (int x = left; x < left + patchSize; x++) {
                        patches[k++] = valueOfPixel[pixels[offset + y * width + x] & 0xff];
                    }
                }
            }
        }
        return patches;
    }
}
