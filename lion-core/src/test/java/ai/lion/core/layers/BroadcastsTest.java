package ai.lion.core.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import ai.lion.core.testing.DoublePrecision;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link Broadcasts#multiply} against the product written out by hand: the value {@code x · f} and,
 * for the loss {@code sum(w · x · f)}, the gradients {@code w · f} for x and the sum of
 * {@code w · x} over the broadcast axes for f.
 */
@ExtendWith(DoublePrecision.class)
class BroadcastsTest {

    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of(new long[]{7, 5}, new long[]{1, 5}),
                Arguments.of(new long[]{7, 5}, new long[]{7, 1}),
                Arguments.of(new long[]{3, 4, 6}, new long[]{1, 4, 1}),
                Arguments.of(new long[]{3, 4, 6}, new long[]{3, 1, 6}),
                Arguments.of(new long[]{3, 4, 6}, new long[]{3, 4, 6}));
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void valuesAndGradientsAreThoseOfTheBroadcastProduct(long[] xShape, long[] factorShape) {
        Nd4j.getRandom().setSeed(11);
        INDArray x = Nd4j.randn(DataType.DOUBLE, xShape);
        INDArray factor = Nd4j.randn(DataType.DOUBLE, factorShape);
        INDArray weights = Nd4j.randn(DataType.DOUBLE, xShape);

        SameDiff sd = SameDiff.create();
        SDVariable xVar = sd.var("x", x.dup());
        SDVariable factorVar = sd.var("factor", factor.dup());
        SDVariable product = Broadcasts.multiply(sd, xVar, factorVar);
        product.mul(sd.constant(weights)).sum().markAsLoss();
        Map<String, INDArray> gradients = sd.calculateGradients(Map.of(), List.of("x", "factor"));

        INDArray expanded = Nd4j.zeros(DataType.DOUBLE, xShape).addi(factor);
        assertClose(x.mul(expanded), product.eval(), "value");
        assertClose(weights.mul(expanded), gradients.get("x"), "gradient of x");
        assertClose(sumToShape(weights.mul(x), factorShape), gradients.get("factor"), "gradient of the factor");
    }

    /** Sums {@code full} over every axis where {@code shape} has size 1 (and full does not). */
    private static INDArray sumToShape(INDArray full, long[] shape) {
        INDArray sum = full;
        for (int axis = 0; axis < shape.length; axis++) {
            if (shape[axis] == 1 && full.size(axis) != 1) {
                sum = sum.sum(true, axis);
            }
        }
        return sum;
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + " shape");
        double difference = expected.sub(actual).norm1Number().doubleValue();
        assertEquals(0, difference, 1e-10 * (1 + expected.norm1Number().doubleValue()), what);
    }
}
