package ai.lion.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** {@link Gelu} in float32 and float64 against a float64 oracle of erf by its Taylor series. */
class GeluTest {

    /** x from -8 to 8 in steps of 1/1024: 16,385 values, not a multiple of the float path's block. */
    private static double[] grid() {
        double[] x = new double[16 * 1024 + 1];
        for (int i = 0; i < x.length; i++) {
            x[i] = -8 + i / 1024.0;
        }
        return x;
    }

    /**
     * erf by its Taylor series {@code 2/√π Σ (−1)ⁿ z^(2n+1) / (n! (2n+1))} for |z| ≤ 3, and beyond by
     * Laplace's continued fraction {@code erfc(z) = e^(−z²)/√π / (z + ½/(z + 1/(z + 3/2/(z + …))))}.
     */
    static double erf(double z) {
        if (Math.abs(z) > 3) {
            double a = Math.abs(z);
            double fraction = a;
            for (int n = 80; n >= 1; n--) {
                fraction = a + n / 2.0 / fraction;
            }
            return Math.signum(z) * (1 - Math.exp(-a * a) / Math.sqrt(Math.PI) / fraction);
        }
        double term = z;
        double sum = z;
        for (int n = 1; n < 200 && Math.abs(term) > 1e-17; n++) {
            term *= -z * z / n;
            sum += term / (2 * n + 1);
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }

    private static double cdf(double x) {
        return 0.5 * (1 + erf(x / Math.sqrt(2)));
    }

    private static double slope(double x) {
        return cdf(x) + x * Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
    }

    @Test
    void oracleMatchesKnownValuesOfErf() {
        assertEquals(0.5204998778130465, erf(0.5), 1e-14);
        assertEquals(0.8427007929497149, erf(1), 1e-14);
        assertEquals(0.9953222650189527, erf(2), 1e-13);
        assertEquals(0.9999779095030014, erf(3), 1e-12);
        assertEquals(0.9999999845827421, erf(4), 1e-15);
        assertEquals(-0.9999999999984626, erf(-5), 1e-15);
    }

    @Test
    void floatActivationAndSlopeAreWithinFloatRoundingOfTheExactOnes() {
        double[] x = grid();
        INDArray input = Nd4j.createFromArray(x).castTo(DataType.FLOAT).reshape(1, x.length);
        Gelu.Pass pass = Gelu.forward(input);
        double worstValue = 0;
        double worstSlope = 0;
        for (int i = 0; i < x.length; i++) {
            double scale = Math.max(1, Math.abs(x[i]));
            worstValue = Math.max(worstValue, Math.abs(pass.output().getDouble(0, i) - x[i] * cdf(x[i])) / scale);
            worstSlope = Math.max(worstSlope, Math.abs(pass.slope().getDouble(0, i) - slope(x[i])) / scale);
        }
        assertTrue(worstValue < 3e-7, "activation off by " + worstValue + " |x|");
        assertTrue(worstSlope < 1e-6, "slope off by " + worstSlope + " |x|");
        assertEquals(DataType.FLOAT, pass.output().dataType());
    }

    @Test
    void doubleActivationAndSlopeAreExact() {
        double[] x = grid();
        Gelu.Pass pass = Gelu.forward(Nd4j.createFromArray(x));
        for (int i = 0; i < x.length; i += 7) {
            assertEquals(x[i] * cdf(x[i]), pass.output().getDouble(i), 1e-9, "x = " + x[i]);
            assertEquals(slope(x[i]), pass.slope().getDouble(i), 1e-9, "x = " + x[i]);
        }
    }

    @Test
    void slopeIsTheDerivativeOfTheFloatActivation() {
        // central differences of the float path, taken in float64 on inputs 2^-8 apart (exact in float)
        double h = 1.0 / 256;
        double[] x = new double[201];
        for (int i = 0; i < x.length; i++) {
            x[i] = -5 + i * 0.05;
        }
        INDArray at = Nd4j.createFromArray(x).castTo(DataType.FLOAT);
        INDArray slope = Gelu.forward(at).slope();
        INDArray up = Gelu.apply(at.add(h));
        INDArray down = Gelu.apply(at.sub(h));
        for (int i = 0; i < x.length; i++) {
            double numeric = (up.getDouble(i) - down.getDouble(i)) / (2 * h);
            // O(h²) truncation (|GELU'''| < 1.2 gives < 1e-5) plus float rounding of the outputs over 2h
            assertEquals(numeric, slope.getDouble(i), 2e-4, "x = " + x[i]);
        }
    }

    @Test
    void backwardMultipliesTheGradientBySlopeInPlace() {
        INDArray x = Nd4j.createFromArray(-2f, -0.5f, 0f, 0.5f, 2f, 9f, -9f);
        INDArray dy = Nd4j.createFromArray(1f, 2f, 3f, -1f, 0.5f, 2f, 4f);
        Gelu.Pass pass = Gelu.forward(x);
        INDArray expected = dy.mul(pass.slope());
        INDArray dx = Gelu.backward(pass, dy);
        assertEquals(expected, dx);
        assertTrue(dx == dy, "dy is overwritten");
        assertEquals(1.0, pass.slope().getDouble(5), 3e-7);
        assertEquals(0.0, pass.slope().getDouble(6), 3e-7);
    }

    @Test
    void viewsAndColumnMajorArraysGiveTheElementwiseResult() {
        INDArray rows = Nd4j.rand(DataType.FLOAT, 40, 60).subi(0.5).muli(8);
        INDArray expected = Gelu.apply(rows);
        INDArray view = rows.get(NDArrayIndex.interval(5, 25), NDArrayIndex.interval(10, 50));
        INDArray viewOut = Gelu.forward(view).output();
        assertEquals(expected.get(NDArrayIndex.interval(5, 25), NDArrayIndex.interval(10, 50)), viewOut);
        INDArray columnMajor = rows.dup('f');
        assertEquals(expected, Gelu.forward(columnMajor).output());
        assertEquals(expected, Gelu.forward(rows.transpose()).output().transpose());
    }

    @Test
    void arraysAllocatedInAWorkspaceAreRead() {
        INDArray outside = Nd4j.rand(DataType.FLOAT, 3000).subi(0.5).muli(8);
        INDArray expected = Gelu.apply(outside);
        WorkspaceConfiguration config = WorkspaceConfiguration.builder().initialSize(1 << 20).build();
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(config, "GeluTest")) {
            Nd4j.create(DataType.FLOAT, 123).assign(7);
            INDArray inside = outside.dup();
            Gelu.Pass pass = Gelu.forward(inside);
            assertTrue(pass.output().isAttached());
            assertEquals(expected, pass.output().detach());
        }
    }
}
