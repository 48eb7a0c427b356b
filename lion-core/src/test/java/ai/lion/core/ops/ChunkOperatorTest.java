package ai.lion.core.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import ai.lion.core.ops.LionOperator.Gradients;
import ai.lion.core.ops.LionOperator.Pass;
import ai.lion.core.testing.DoublePrecision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@link ChunkOperator} against {@link AttentionOperator} (sums and every gradient, with and without
 * decay, lengths that are and are not multiples of the chunk size), and both against central finite
 * differences in float64.
 */
@ExtendWith(DoublePrecision.class)
class ChunkOperatorTest {

    private static final int ROWS = 3;
    private static final int DIM = 4;
    private static final int WIDTH = 5;
    private static final double TOLERANCE = 1e-10;

    /** How the inputs decay. */
    enum Decay {
        /** LIT: no decay (logDecay null). */
        NONE,
        /** log a = -softplus(N(0, 1)). */
        MODERATE,
        /** log a = -softplus(N(5, 1)), about -5. */
        STRONG,
        /** Moderate, with the last third of the positions padded (k = 0, log a = 0). */
        PADDED
    }

    /** The operator's inputs. */
    private record Inputs(INDArray q, INDArray k, INDArray values, INDArray logDecay) {

        static Inputs random(long seed, int rows, int length, int dim, int width, Decay decay) {
            Nd4j.getRandom().setSeed(seed);
            INDArray q = Nd4j.randn(DataType.DOUBLE, rows, length, dim);
            INDArray k = Nd4j.randn(DataType.DOUBLE, rows, length, dim);
            INDArray values = Nd4j.randn(DataType.DOUBLE, rows, length, width);
            INDArray logDecay = switch (decay) {
                case NONE -> null;
                case MODERATE, PADDED -> Transforms.softPlus(Nd4j.randn(DataType.DOUBLE, rows, length), false).negi();
                case STRONG -> Transforms.softPlus(Nd4j.randn(DataType.DOUBLE, rows, length).addi(5), false).negi();
            };
            if (decay == Decay.PADDED) {
                long real = length - length / 3;
                k.get(NDArrayIndex.all(), NDArrayIndex.interval(real, length)).assign(0);
                logDecay.get(NDArrayIndex.all(), NDArrayIndex.interval(real, length)).assign(0);
            }
            return new Inputs(q, k, values, logDecay);
        }

        Pass forward(LionOperator operator) {
            return operator.forward(q, k, values, logDecay);
        }

        List<INDArray> differentiable() {
            return logDecay == null ? List.of(q, k, values) : List.of(q, k, values, logDecay);
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(Decay.values()).flatMap(decay -> IntStream.of(1, 5, 8, 13, 32, 37).boxed()
                .flatMap(length -> IntStream.of(1, 4, 8, 64).mapToObj(chunk -> Arguments.of(decay, length, chunk))));
    }

    @ParameterizedTest(name = "{0} T={1} c={2}")
    @MethodSource("cases")
    void sumsAreThoseOfTheAttentionForm(Decay decay, int length, int chunkSize) {
        Inputs inputs = Inputs.random(17L * length + chunkSize, ROWS, length, DIM, WIDTH, decay);
        INDArray expected = inputs.forward(new AttentionOperator()).sums();
        INDArray actual = inputs.forward(new ChunkOperator(chunkSize)).sums();
        assertClose(expected, actual, "sums");
    }

    @ParameterizedTest(name = "{0} T={1} c={2}")
    @MethodSource("cases")
    void gradientsAreThoseOfTheAttentionForm(Decay decay, int length, int chunkSize) {
        Inputs inputs = Inputs.random(31L * length + chunkSize, ROWS, length, DIM, WIDTH, decay);
        INDArray dSums = Nd4j.randn(DataType.DOUBLE, ROWS, length, WIDTH);
        Gradients expected = inputs.forward(new AttentionOperator()).backward(dSums);
        Gradients actual = inputs.forward(new ChunkOperator(chunkSize)).backward(dSums);
        assertClose(expected.dq(), actual.dq(), "dq");
        assertClose(expected.dk(), actual.dk(), "dk");
        assertClose(expected.dValues(), actual.dValues(), "dValues");
        if (decay == Decay.NONE) {
            assertNull(actual.dLogDecay(), "dLogDecay without decay");
        } else {
            assertClose(expected.dLogDecay(), actual.dLogDecay(), "dLogDecay");
        }
    }

    static Stream<Arguments> finiteDifferenceCases() {
        return Stream.of(Decay.NONE, Decay.MODERATE).flatMap(decay -> Stream.of(
                Arguments.of(decay, "chunk", (Function<Integer, LionOperator>) ChunkOperator::new),
                Arguments.of(decay, "attention", (Function<Integer, LionOperator>) c -> new AttentionOperator())));
    }

    /** {@code L = sum(sums ⊙ W)}: backward(W) against central differences of L, entry by entry. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("finiteDifferenceCases")
    void gradientsMatchFiniteDifferences(Decay decay, String name, Function<Integer, LionOperator> form) {
        LionOperator operator = form.apply(3);
        Inputs inputs = Inputs.random(5, 1, 7, 2, 2, decay);
        INDArray weights = Nd4j.randn(DataType.DOUBLE, 1, 7, 2);
        Gradients gradients = inputs.forward(operator).backward(weights);
        List<INDArray> analytic = decay == Decay.NONE
                ? List.of(gradients.dq(), gradients.dk(), gradients.dValues())
                : List.of(gradients.dq(), gradients.dk(), gradients.dValues(), gradients.dLogDecay());
        List<INDArray> parameters = inputs.differentiable();
        double step = 1e-6;
        for (int p = 0; p < parameters.size(); p++) {
            INDArray parameter = parameters.get(p);
            for (long i = 0; i < parameter.length(); i++) {
                long[] at = Shape.ind2subC(parameter.shape(), i);
                double original = parameter.getDouble(at);
                parameter.putScalar(at, original + step);
                double plus = inputs.forward(operator).sums().mul(weights).sumNumber().doubleValue();
                parameter.putScalar(at, original - step);
                double minus = inputs.forward(operator).sums().mul(weights).sumNumber().doubleValue();
                parameter.putScalar(at, original);
                double numeric = (plus - minus) / (2 * step);
                double exact = analytic.get(p).getDouble(at);
                assertEquals(numeric, exact, 1e-6 * Math.max(1, Math.abs(numeric)),
                        "input " + p + " entry " + i);
            }
        }
    }

    @Test
    void rejectsChunkSizesBelowOne() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new ChunkOperator(0));
        assertTrue(error.getMessage().contains("0"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ChunkOperator(-3));
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + " shape");
        double scale = Math.max(1, expected.amaxNumber().doubleValue());
        double error = expected.sub(actual).amaxNumber().doubleValue();
        assertTrue(error <= TOLERANCE * scale, what + ": max error " + error + " at scale " + scale);
    }
}
