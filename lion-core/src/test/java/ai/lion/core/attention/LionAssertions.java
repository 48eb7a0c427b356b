package ai.lion.core.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Element-wise comparison of LION outputs with the tolerance rule of the golden vectors. */
public final class LionAssertions {

    private LionAssertions() {
    }

    /** Relative tolerance for {@code dataType}: 1e-9 for float64, 1e-4 for float32. */
    public static double tolerance(DataType dataType) {
        return dataType == DataType.DOUBLE ? 1e-9 : 1e-4;
    }

    /**
     * Asserts that {@code actual} has {@code shape}, holds only finite values and matches {@code expected}
     * (flat, row-major) as {@code |y - yRef| <= tolerance * max(1, |yRef|)}.
     */
    public static void assertMatches(double[] expected, long[] shape, INDArray actual, double tolerance) {
        assertArrayEquals(shape, actual.shape(), "output shape");
        double[] y = actual.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        assertEquals(expected.length, y.length, "output length");
        int worst = -1;
        double worstExcess = 0;
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i])) {
                fail("output[" + i + "] = " + y[i] + " is not finite (expected " + expected[i] + ")");
            }
            double excess = Math.abs(y[i] - expected[i]) / Math.max(1, Math.abs(expected[i]));
            if (excess > worstExcess) {
                worstExcess = excess;
                worst = i;
            }
        }
        if (worstExcess > tolerance) {
            fail("output[" + worst + "] = " + y[worst] + " but expected " + expected[worst] + ": relative error "
                    + worstExcess + " > " + tolerance);
        }
    }

    /** {@link #assertMatches(double[], long[], INDArray, double)} against another array of the same shape. */
    public static void assertMatches(INDArray expected, INDArray actual, double tolerance) {
        assertMatches(expected.castTo(DataType.DOUBLE).dup('c').data().asDouble(), expected.shape(), actual,
                tolerance);
    }
}
