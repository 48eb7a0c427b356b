package ai.lion.datasets;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PatchExtractorTest {

    /** Pixel values 0, 51, ..., 255 are 0, 0.2, ..., 1.0 after scaling. */
    private static final int[][] IMAGE_4X4 = {
            {0, 51, 102, 153},
            {204, 255, 0, 51},
            {102, 153, 204, 255},
            {0, 51, 102, 153}};

    @Test
    void cutsARasterOfRowMajorPatchesScaledToTheUnitInterval() {
        PatchExtractor extractor = new PatchExtractor(4, 4, 2, PixelStatistics.IDENTITY);

        float[] patches = extractor.extract(pixels(IMAGE_4X4), 0);

        assertEquals(4, extractor.numPatches());
        assertEquals(4, extractor.patchDim());
        assertArrayEquals(new float[] {
                0.0f, 0.2f, 0.8f, 1.0f,   // top-left
                0.4f, 0.6f, 0.0f, 0.2f,   // top-right
                0.4f, 0.6f, 0.0f, 0.2f,   // bottom-left
                0.8f, 1.0f, 0.4f, 0.6f},  // bottom-right
                patches, 1e-7f);
    }

    @Test
    void ordersPatchesLeftToRightThenTopToBottomOnANonSquareImage() {
        int[][] image = { // 2 x 6, patch 2: three patches side by side
                {0, 0, 51, 51, 102, 102},
                {0, 0, 51, 51, 102, 255}};

        float[] patches = new PatchExtractor(2, 6, 2, PixelStatistics.IDENTITY).extract(pixels(image), 0);

        assertArrayEquals(new float[] {0, 0, 0, 0, 0.2f, 0.2f, 0.2f, 0.2f, 0.4f, 0.4f, 0.4f, 1.0f},
                patches, 1e-7f);
    }

    @Test
    void standardisesWithTheGivenMeanAndStd() {
        PatchExtractor extractor = new PatchExtractor(4, 4, 4, new PixelStatistics(0.5, 0.25));

        float[] patch = extractor.extract(pixels(IMAGE_4X4), 0);

        // one 4x4 patch = the image row-major; (v - 0.5) / 0.25 for v = 0, 0.2, 0.4, 0.6, 0.8, 1.0
        assertArrayEquals(new float[] {-2.0f, -1.2f, -0.4f, 0.4f, 1.2f, 2.0f, -2.0f, -1.2f,
                -0.4f, 0.4f, 1.2f, 2.0f, -2.0f, -1.2f, -0.4f, 0.4f}, patch, 1e-6f);
    }

    @Test
    void readsTheImageAtTheGivenOffset() {
        byte[] two = new byte[8];
        two[4] = (byte) 255; // second 2x2 image: 255 0 / 0 0
        float[] patches = new PatchExtractor(2, 2, 1, PixelStatistics.IDENTITY).extract(two, 4);

        assertArrayEquals(new float[] {1, 0, 0, 0}, patches);
        assertThrows(IllegalArgumentException.class,
                () -> new PatchExtractor(2, 2, 1, PixelStatistics.IDENTITY).extract(two, 5));
    }

    @Test
    void rejectsPatchSizesThatDoNotDivideTheImage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PatchExtractor(28, 28, 5, PixelStatistics.IDENTITY));
        assertEquals("patch size 5 must be positive and divide the image size 28x28", e.getMessage());
    }

    @Test
    void fashionMnistDefaultsGiveFortyNinePatchesOfSixteenValues() {
        PatchExtractor extractor = new PatchExtractor(28, 28, FashionMnistConfig.DEFAULT_PATCH_SIZE,
                PixelStatistics.IDENTITY);
        assertEquals(49, extractor.numPatches());
        assertEquals(16, extractor.patchDim());
    }

    private static byte[] pixels(int[][] image) {
        int width = image[0].length;
        byte[] pixels = new byte[image.length * width];
        for (int y = 0; y < image.length; y++) {
            for (int x = 0; x < width; x++) {
                pixels[y * width + x] = (byte) image[y][x];
            }
        }
        return pixels;
    }
}
