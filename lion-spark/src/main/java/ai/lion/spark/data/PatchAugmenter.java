package ai.lion.spark.data;

import ai.lion.core.models.PatchInput;
import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * Applies an {@link ImageAugmentation} to the image an {@link Example} of patches holds. The example's
 * values are channel-major over the patch components ({@code values[k * patches + t]}); component
 * {@code k} of patch {@code t} is the pixel {@code (channel, row, column)} that {@link PatchInput}
 * describes, so a shift or mirror of the image is a fixed permutation of those indices with border
 * pixels repeated.
 */
final class PatchAugmenter implements Serializable {

    private static final long serialVersionUID = 1L;

    private final ImageAugmentation augmentation;
    private final int side;
    private final int channels;
    private final int numPatches;
    /** Index in an example's values of pixel {@code (channel, row, column)}, at {@code (channel·side + row)·side + column}. */
    private final int[] valueIndex;

    /**
     * @throws IllegalArgumentException if the shift is not smaller than the image
     */
    PatchAugmenter(ImageAugmentation augmentation, PatchInput image) {
        if (augmentation.maxShift() >= image.imageSize()) {
            throw new IllegalArgumentException("maxShift must be smaller than the image side " + image.imageSize()
                    + ", got " + augmentation.maxShift());
        }
        this.augmentation = augmentation;
        this.side = image.imageSize();
        this.channels = image.channels();
        this.numPatches = image.numPatches();
        this.valueIndex = valueIndex(image);
    }

    private static int[] valueIndex(PatchInput image) {
        int side = image.imageSize();
        int patch = image.patchSize();
        int[] index = new int[image.channels() * side * side];
        for (int c = 0; c < image.channels(); c++) {
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    int t = (y / patch) * image.gridSide() + x / patch;
                    int k = (c * patch + y % patch) * patch + x % patch;
                    index[(c * side + y) * side + x] = k * image.numPatches() + t;
                }
            }
        }
        return index;
    }

    /** The draws of one partition: a stream seeded by the run's (epoch's) seed and the partition. */
    Draws forPartition(long seed, int partition) {
        return new Draws(PartitionRandom.of(seed, partition));
    }

    /**
     * Moves the image in {@code values} (in place) {@code down} pixels down and {@code right} pixels right
     * (negative: up, left), after mirroring it left to right if {@code mirror}; pixels that would come from
     * outside the image repeat the nearest border pixel.
     */
    void transform(float[] values, int down, int right, boolean mirror) {
        float[] source = values.clone();
        for (int c = 0; c < channels; c++) {
            int plane = c * side;
            for (int y = 0; y < side; y++) {
                int fromRow = plane + clamp(y - down);
                int toRow = plane + y;
                for (int x = 0; x < side; x++) {
                    int shifted = clamp(x - right);
                    int fromColumn = mirror ? side - 1 - shifted : shifted;
                    values[valueIndex[toRow * side + x]] = source[valueIndex[fromRow * side + fromColumn]];
                }
            }
        }
    }

    private int clamp(int pixel) {
        return Math.max(0, Math.min(side - 1, pixel));
    }

    /** One partition's random stream of shifts and mirrors. */
    final class Draws {
        private final SplittableRandom random;

        private Draws(SplittableRandom random) {
            this.random = random;
        }

        /** Number of patches an example must have to be augmented: the whole image. */
        int numPatches() {
            return numPatches;
        }

        /** Draws a shift for each axis and, if enabled, whether to mirror, and applies them to {@code values}. */
        void augment(float[] values) {
            int max = augmentation.maxShift();
            int down = max == 0 ? 0 : random.nextInt(-max, max + 1);
            int right = max == 0 ? 0 : random.nextInt(-max, max + 1);
            boolean mirror = augmentation.horizontalFlip() && random.nextBoolean();
            transform(values, down, right, mirror);
        }
    }
}
