package ai.lion.spark.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.lion.core.models.ImagePatches;
import ai.lion.core.models.PatchInput;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Shifts and mirrors of images held as patch sequences, against the same change made on the plain image
 * and cut into patches by {@link ImagePatches}.
 */
class PatchAugmenterTest {

    private static final PatchInput IMAGE = new PatchInput(12, 4, 3);

    @Test
    void shiftsAndMirrorsMoveThePixelsOfTheImageAndRepeatItsBorder() {
        float[][][] image = randomImage(IMAGE, 5);
        PatchAugmenter augmenter = new PatchAugmenter(new ImageAugmentation(3, true), IMAGE);
        int[][] cases = {{0, 0, 0}, {0, 0, 1}, {1, 0, 0}, {0, -2, 0}, {-3, 2, 1}, {2, 3, 0}, {-1, -1, 1}};
        for (int[] c : cases) {
            float[] values = patches(image, 4);
            augmenter.transform(values, c[0], c[1], c[2] == 1);
            assertArrayEquals(patches(moved(image, c[0], c[1], c[2] == 1), 4), values,
                    () -> "down " + c[0] + ", right " + c[1] + ", mirror " + c[2]);
        }
    }

    @Test
    void aShiftRightByOneRepeatsTheFirstColumnAndDropsTheLast() {
        PatchInput grey = new PatchInput(8, 4, 1);
        float[][][] image = randomImage(grey, 9);
        float[] values = patches(image, 4);
        new PatchAugmenter(new ImageAugmentation(1, false), grey).transform(values, 0, 1, false);
        float[][][] shifted = image(values, grey);
        for (int y = 0; y < 8; y++) {
            assertEquals(image[0][y][0], shifted[0][y][0]);
            for (int x = 1; x < 8; x++) {
                assertEquals(image[0][y][x - 1], shifted[0][y][x]);
            }
        }
    }

    @Test
    void drawsCoverEveryShiftEquallyAndMirrorHalfTheImages() {
        PatchInput grey = new PatchInput(12, 4, 1);
        float[][][] coordinates = new float[1][12][12];
        for (int y = 0; y < 12; y++) {
            for (int x = 0; x < 12; x++) {
                coordinates[0][y][x] = y * 12 + x;
            }
        }
        int maxShift = 2;
        int draws = 25_000;
        int[][] shifts = new int[2 * maxShift + 1][2 * maxShift + 1];
        int mirrored = 0;
        PatchAugmenter.Draws stream = new PatchAugmenter(new ImageAugmentation(maxShift, true), grey).forPartition(7L, 0);
        for (int i = 0; i < draws; i++) {
            float[] values = patches(coordinates, 4);
            stream.augment(values);
            float[][][] out = image(values, grey);
            // an interior pixel tells where it came from; its right neighbour whether the image was mirrored
            int source = (int) out[0][6][6];
            boolean mirror = out[0][6][7] == source - 1;
            int down = 6 - source / 12;
            int right = mirror ? source % 12 - 5 : 6 - source % 12;
            shifts[down + maxShift][right + maxShift]++;
            mirrored += mirror ? 1 : 0;
        }
        double expected = draws / 25.0;
        for (int[] row : shifts) {
            for (int count : row) {
                assertEquals(expected, count, 5 * Math.sqrt(expected));
            }
        }
        assertEquals(draws / 2.0, mirrored, 5 * Math.sqrt(draws / 4.0));
    }

    @Test
    void theSameSeedAndPartitionRepeatTheDrawsAndOthersDoNot() {
        PatchAugmenter augmenter = new PatchAugmenter(new ImageAugmentation(3, true), IMAGE);
        float[] first = drawn(augmenter, 11L, 0);
        assertArrayEquals(first, drawn(augmenter, 11L, 0));
        assertFalse(java.util.Arrays.equals(first, drawn(augmenter, 12L, 0)), "another seed");
        assertFalse(java.util.Arrays.equals(first, drawn(augmenter, 11L, 1)), "another partition");
    }

    @Test
    void aShiftAsLargeAsTheImageIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PatchAugmenter(new ImageAugmentation(12, false), IMAGE));
        assertEquals("maxShift must be smaller than the image side 12, got 12", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ImageAugmentation(-1, false));
    }

    /** Ten images, each drawn in turn from one partition's stream, concatenated. */
    private static float[] drawn(PatchAugmenter augmenter, long seed, int partition) {
        PatchAugmenter.Draws stream = augmenter.forPartition(seed, partition);
        float[][][] image = randomImage(IMAGE, 3);
        int length = patches(image, 4).length;
        float[] all = new float[10 * length];
        for (int i = 0; i < 10; i++) {
            float[] values = patches(image, 4);
            stream.augment(values);
            System.arraycopy(values, 0, all, i * length, length);
        }
        return all;
    }

    private static float[][][] randomImage(PatchInput input, long seed) {
        Random random = new Random(seed);
        float[][][] image = new float[input.channels()][input.imageSize()][input.imageSize()];
        for (float[][] plane : image) {
            for (float[] row : plane) {
                for (int x = 0; x < row.length; x++) {
                    row[x] = random.nextFloat();
                }
            }
        }
        return image;
    }

    /** The image moved on the plain pixel grid: mirror first, then shift, borders repeated. */
    private static float[][][] moved(float[][][] image, int down, int right, boolean mirror) {
        int side = image[0].length;
        float[][][] out = new float[image.length][side][side];
        for (int c = 0; c < image.length; c++) {
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    int fromY = Math.max(0, Math.min(side - 1, y - down));
                    int shiftedX = Math.max(0, Math.min(side - 1, x - right));
                    out[c][y][x] = image[c][fromY][mirror ? side - 1 - shiftedX : shiftedX];
                }
            }
        }
        return out;
    }

    /** An example's values: the image cut into patches by {@link ImagePatches}, channel-major over the patch components. */
    private static float[] patches(float[][][] image, int patchSize) {
        int channels = image.length;
        int side = image[0].length;
        float[] flat = new float[channels * side * side];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < side; y++) {
                System.arraycopy(image[c][y], 0, flat, (c * side + y) * side, side);
            }
        }
        return ImagePatches.toSequence(Nd4j.create(flat, new long[] {1, channels, side, side}, 'c'), patchSize)
                .castTo(DataType.FLOAT).data().asFloat();
    }

    /** The image an example's values hold (the inverse of {@link #patches}). */
    private static float[][][] image(float[] values, PatchInput input) {
        int side = input.imageSize();
        int patch = input.patchSize();
        float[][][] image = new float[input.channels()][side][side];
        for (int c = 0; c < input.channels(); c++) {
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    int t = (y / patch) * input.gridSide() + x / patch;
                    int k = (c * patch + y % patch) * patch + x % patch;
                    image[c][y][x] = values[k * input.numPatches() + t];
                }
            }
        }
        return image;
    }
}
