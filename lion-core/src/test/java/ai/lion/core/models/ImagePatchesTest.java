package ai.lion.core.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ImagePatchesTest {

    @Test
    void patchesAreInRasterOrderAndFlattenedChannelRowColumn() {
        int batch = 2, channels = 3, side = 6, p = 2, grid = side / p;
        INDArray images = Nd4j.rand(DataType.DOUBLE, batch, channels, side, side);

        INDArray seq = ImagePatches.toSequence(images, p);

        assertArrayEquals(new long[]{batch, channels * p * p, grid * grid}, seq.shape());
        for (int b = 0; b < batch; b++) {
            for (int gy = 0; gy < grid; gy++) {
                for (int gx = 0; gx < grid; gx++) {
                    int patch = gy * grid + gx;
                    for (int c = 0; c < channels; c++) {
                        for (int y = 0; y < p; y++) {
                            for (int x = 0; x < p; x++) {
                                int feature = (c * p + y) * p + x;
                                assertEquals(images.getDouble(b, c, gy * p + y, gx * p + x),
                                        seq.getDouble(b, feature, patch), 0.0);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void rejectsNonSquareImagesAndPatchSizesThatDoNotDivideTheSide() {
        assertThrows(IllegalArgumentException.class, () -> ImagePatches.toSequence(Nd4j.zeros(1, 1, 4, 6), 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImagePatches.toSequence(Nd4j.zeros(1, 1, 6, 6), 4));
        assertEquals("patchSize must be positive and divide the image side 6, got 4", e.getMessage());
    }
}
