package ai.lion.core.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import ai.lion.core.attention.GoldenVector;
import ai.lion.core.attention.GoldenVectors;
import ai.lion.core.attention.MaskType;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import ai.lion.core.attention.Form;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Every operator ({@link AttentionOperator}, {@link ChunkOperator}, {@link RecurrentOperator}) against the
 * golden vectors of {@code lion-core/src/test/resources/golden} (q, k already feature-mapped; no d^-1/2 scale).
 */
class OperatorGoldenVectorTest {

    @TestFactory
    Stream<DynamicTest> operatorsReproduceEveryGoldenFile() {
        return GoldenVectors.files().stream().map(GoldenVectors::read).flatMap(golden -> Stream.of(Form.values())
                .map(form -> DynamicTest.dynamicTest(golden.name() + " " + form, () -> check(golden, form))));
    }

    @Test
    void theRecurrentFormHasNoBackward() {
        INDArray x = Nd4j.ones(DataType.DOUBLE, 1, 3, 2);
        LionOperator.Pass pass = LionOperator.of(Form.RNN, 1).forward(x, x, x, null);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> pass.backward(x));
        assertTrue(e.getMessage().contains("inference-only"), e.getMessage());
    }

    private static void check(GoldenVector golden, Form form) {
        long rows = (long) golden.batch() * golden.heads();
        int length = golden.length();
        int dim = golden.dim();
        INDArray q = Nd4j.create(golden.q(), new long[]{rows, length, dim}, DataType.DOUBLE);
        INDArray k = Nd4j.create(golden.k(), new long[]{rows, length, dim}, DataType.DOUBLE);
        INDArray v = Nd4j.create(golden.v(), new long[]{rows, length, dim}, DataType.DOUBLE);
        INDArray values = Nd4j.concat(2, v, Nd4j.ones(DataType.DOUBLE, rows, length, 1));
        INDArray logDecay = golden.mask() == MaskType.LIT ? null : logDecay(golden);

        LionOperator operator = LionOperator.of(form, golden.chunkSize());
        INDArray out = operator.forward(q, k, values, logDecay).sums();
        INDArray num = out.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, dim));
        INDArray den = out.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(dim, dim + 1));
        INDArray y = golden.normalize() ? num.div(den.add(golden.eps())) : num;

        double[] expected = golden.y();
        double[] actual = y.dup('c').data().asDouble();
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-9 * Math.max(1, Math.abs(expected[i])), golden.name() + " index " + i);
        }
    }

    /** {@code log a} as {@code [B·H, L]}. */
    private static INDArray logDecay(GoldenVector golden) {
        long rows = (long) golden.batch() * golden.heads();
        if (golden.mask() == MaskType.SELECTIVE) {
            return Nd4j.create(golden.logA(), new long[]{rows, golden.length()}, DataType.DOUBLE);
        }
        INDArray g = Nd4j.zeros(DataType.DOUBLE, rows, golden.length());
        for (long r = 0; r < rows; r++) {
            g.getRow(r).assign(Math.log(golden.lambda()[(int) (r % golden.heads())]));
        }
        return g;
    }
}
