package ai.lion.core.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import ai.lion.core.testing.DoublePrecision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link SoftmaxAttentionOperator} against a naive float64 loop (values, padding, scores too large for
 * a plain {@code exp}) and its backward pass against central finite differences.
 */
@ExtendWith(DoublePrecision.class)
class SoftmaxAttentionOperatorTest {

    private static final int ROWS = 2;
    private static final int LENGTH = 6;
    private static final int DIM = 3;
    private static final int WIDTH = 4;
    /** Positions 4 and 5 of row 1 are padding. */
    private static final int REAL_IN_ROW_1 = 4;

    private record Inputs(INDArray q, INDArray k, INDArray values, INDArray keyMask) {

        static Inputs random(long seed, double scoreScale, boolean padded) {
            Nd4j.getRandom().setSeed(seed);
            INDArray keyMask = null;
            if (padded) {
                keyMask = Nd4j.ones(DataType.DOUBLE, ROWS, LENGTH);
                for (int t = REAL_IN_ROW_1; t < LENGTH; t++) {
                    keyMask.putScalar(1, t, 0);
                }
            }
            return new Inputs(Nd4j.randn(DataType.DOUBLE, ROWS, LENGTH, DIM).muli(scoreScale),
                    Nd4j.randn(DataType.DOUBLE, ROWS, LENGTH, DIM), Nd4j.randn(DataType.DOUBLE, ROWS, LENGTH, WIDTH),
                    keyMask);
        }

        SoftmaxAttentionOperator.Pass forward() {
            return new SoftmaxAttentionOperator().forward(q, k, values, keyMask);
        }

        boolean real(int row, int t) {
            return keyMask == null || keyMask.getDouble(row, t) == 1;
        }
    }

    /** The definition, one entry at a time: softmax over the real keys, 0 for a padded query. */
    private static double[][][] naive(Inputs in) {
        double[][][] out = new double[ROWS][LENGTH][WIDTH];
        for (int r = 0; r < ROWS; r++) {
            for (int i = 0; i < LENGTH; i++) {
                if (!in.real(r, i)) {
                    continue;
                }
                double[] scores = new double[LENGTH];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < LENGTH; j++) {
                    for (int c = 0; c < DIM; c++) {
                        scores[j] += in.q().getDouble(r, i, c) * in.k().getDouble(r, j, c);
                    }
                    if (in.real(r, j)) {
                        max = Math.max(max, scores[j]);
                    }
                }
                double total = 0;
                for (int j = 0; j < LENGTH; j++) {
                    scores[j] = in.real(r, j) ? Math.exp(scores[j] - max) : 0;
                    total += scores[j];
                }
                for (int j = 0; j < LENGTH; j++) {
                    for (int f = 0; f < WIDTH; f++) {
                        out[r][i][f] += scores[j] / total * in.values().getDouble(r, j, f);
                    }
                }
            }
        }
        return out;
    }

    @ParameterizedTest(name = "padded={0}")
    @ValueSource(booleans = {false, true})
    void outputIsTheNaiveSoftmaxAttention(boolean padded) {
        assertMatchesNaive(Inputs.random(3, 1, padded));
    }

    @Test
    void scoresInTheThousandsStayFinite() {
        Inputs inputs = Inputs.random(4, 1000, true);
        double largest = Nd4j.matmul(inputs.q(), inputs.k(), false, true, false).amaxNumber().doubleValue();
        assertTrue(Double.isInfinite(Math.exp(largest)), "a plain exp must overflow here, largest score " + largest);
        assertMatchesNaive(inputs);
    }

    @Test
    void paddedKeysAndQueriesGetNoGradient() {
        Inputs inputs = Inputs.random(6, 1, true);
        SoftmaxAttentionOperator.Gradients g = inputs.forward().backward(Nd4j.randn(DataType.DOUBLE, ROWS, LENGTH, WIDTH));
        for (int t = REAL_IN_ROW_1; t < LENGTH; t++) {
            assertEquals(0, g.dq().slice(1).getRow(t).amaxNumber().doubleValue(), "dq at padded query " + t);
            assertEquals(0, g.dk().slice(1).getRow(t).amaxNumber().doubleValue(), "dk at padded key " + t);
            assertEquals(0, g.dValues().slice(1).getRow(t).amaxNumber().doubleValue(), "dValues at padded key " + t);
        }
    }

    /** {@code L = sum(out ⊙ W)}: backward(W) against central differences of L, entry by entry. */
    @ParameterizedTest(name = "padded={0}")
    @ValueSource(booleans = {false, true})
    void gradientsMatchFiniteDifferences(boolean padded) {
        Inputs inputs = Inputs.random(5, 1, padded);
        INDArray weights = Nd4j.randn(DataType.DOUBLE, ROWS, LENGTH, WIDTH);
        SoftmaxAttentionOperator.Gradients g = inputs.forward().backward(weights);
        List<INDArray> analytic = List.of(g.dq(), g.dk(), g.dValues());
        List<INDArray> parameters = List.of(inputs.q(), inputs.k(), inputs.values());
        double step = 1e-6;
        for (int p = 0; p < parameters.size(); p++) {
            INDArray parameter = parameters.get(p);
            for (long i = 0; i < parameter.length(); i++) {
                long[] at = Shape.ind2subC(parameter.shape(), i);
                double original = parameter.getDouble(at);
                parameter.putScalar(at, original + step);
                double plus = inputs.forward().output().mul(weights).sumNumber().doubleValue();
                parameter.putScalar(at, original - step);
                double minus = inputs.forward().output().mul(weights).sumNumber().doubleValue();
                parameter.putScalar(at, original);
                double numeric = (plus - minus) / (2 * step);
                assertEquals(numeric, analytic.get(p).getDouble(at), 1e-7 * Math.max(1, Math.abs(numeric)),
                        "input " + p + " entry " + i);
            }
        }
    }

    private static void assertMatchesNaive(Inputs inputs) {
        INDArray actual = inputs.forward().output();
        double[][][] expected = naive(inputs);
        for (int r = 0; r < ROWS; r++) {
            for (int i = 0; i < LENGTH; i++) {
                for (int f = 0; f < WIDTH; f++) {
                    assertEquals(expected[r][i][f], actual.getDouble(r, i, f), 1e-12, "out[" + r + "][" + i + "][" + f + "]");
                }
            }
        }
    }
}
