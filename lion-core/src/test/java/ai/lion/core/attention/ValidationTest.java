package ai.lion.core.attention;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Bad arguments fail fast with an IllegalArgumentException that names the argument and the bad shape or value. */
class ValidationTest {

    private static final int B = 2;
    private static final int H = 3;
    private static final int L = 5;
    private static final int D = 4;

    /** A valid builder of the given mask, changed by {@code change}, must fail with a message holding every fragment. */
    private static Arguments bad(MaskType mask, String description, Consumer<LionInputs.Builder> change,
            String... fragments) {
        return Arguments.of(mask, description, change, fragments);
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                bad(MaskType.LIT, "q missing", b -> b.q(null), "q is required"),
                bad(MaskType.LIT, "v missing", b -> b.v(null), "v is required"),
                bad(MaskType.LIT, "q of rank 3", b -> b.q(ones(B, H, L)), "q must have shape [B, H, L, d]", "[2, 3, 5]"),
                bad(MaskType.LIT, "q empty", b -> b.q(Nd4j.create(DataType.DOUBLE, B, H, 0, D)), "q", "[2, 3, 0, 4]"),
                bad(MaskType.LIT, "q of integers", b -> b.q(ones(B, H, L, D).castTo(DataType.INT)), "q must be FLOAT or DOUBLE", "INT"),
                bad(MaskType.LIT, "k of another d", b -> b.k(ones(B, H, L, D + 1)), "k must have shape", "[2, 3, 5, 4]", "[2, 3, 5, 5]"),
                bad(MaskType.LIT, "v of another L", b -> b.v(ones(B, H, L + 1, D)), "v must have shape [B, H, L, dv]", "[2, 3, 6, 4]"),
                bad(MaskType.LIT, "k in float32", b -> b.k(ones(B, H, L, D).castTo(DataType.FLOAT)), "k must have the data type of q (DOUBLE)", "FLOAT"),
                bad(MaskType.LIT, "NaN in q", b -> b.q(with(ones(B, H, L, D), Double.NaN, 1, 2, 3, 0)), "q must be finite", "NaN", "[1, 2, 3, 0]"),
                bad(MaskType.LIT, "infinity in k", b -> b.k(with(ones(B, H, L, D), Double.POSITIVE_INFINITY, 0, 1, 4, 3)), "k must be finite", "Infinity", "[0, 1, 4, 3]"),
                bad(MaskType.LIT, "NaN in v", b -> b.v(with(ones(B, H, L, D), Double.NaN, 0, 0, 0, 1)), "v must be finite", "NaN", "[0, 0, 0, 1]"),
                bad(MaskType.DECAY, "lambda missing", b -> b.lambda(null), "lambda is required by the DECAY mask", "[3]"),
                bad(MaskType.DECAY, "lambda of the wrong length", b -> b.lambda(ones(H + 1).mul(0.5)), "lambda must have shape [H]", "[3]", "[4]"),
                bad(MaskType.DECAY, "lambda = 0", b -> b.lambda(with(ones(H).mul(0.5), 0, 1)), "lambda must lie in (0, 1]", "0.0", "[1]"),
                bad(MaskType.DECAY, "lambda > 1", b -> b.lambda(with(ones(H).mul(0.5), 1.5, 2)), "lambda must lie in (0, 1]", "1.5", "[2]"),
                bad(MaskType.DECAY, "lambda NaN", b -> b.lambda(with(ones(H).mul(0.5), Double.NaN, 0)), "lambda must be finite", "NaN", "[0]"),
                bad(MaskType.SELECTIVE, "logA missing", b -> b.logA(null), "logA is required by the SELECTIVE mask", "[2, 3, 5]"),
                bad(MaskType.SELECTIVE, "logA of the wrong shape", b -> b.logA(zeros(B, H)), "logA must have shape [B, H, L]", "[2, 3, 5]", "[2, 3]"),
                bad(MaskType.SELECTIVE, "logA > 0", b -> b.logA(with(zeros(B, H, L), 0.25, 1, 0, 3)), "logA must be <= 0", "0.25", "[1, 0, 3]"),
                bad(MaskType.SELECTIVE, "logA = -infinity", b -> b.logA(with(zeros(B, H, L), Double.NEGATIVE_INFINITY, 0, 2, 1)), "logA must be finite", "-Infinity", "[0, 2, 1]"),
                bad(MaskType.SELECTIVE, "logA NaN", b -> b.logA(with(zeros(B, H, L), Double.NaN, 1, 1, 1)), "logA must be finite", "NaN", "[1, 1, 1]"),
                bad(MaskType.LIT, "lambda given to LIT", b -> b.lambda(ones(H).mul(0.5)), "lambda is only used by the DECAY mask", "LIT"),
                bad(MaskType.DECAY, "logA given to DECAY", b -> b.logA(zeros(B, H, L)), "logA is only used by the SELECTIVE mask", "DECAY"),
                bad(MaskType.LIT, "keyMask of the wrong shape", b -> b.keyMask(ones(B, L + 1)), "keyMask must have shape [B, L]", "[2, 5]", "[2, 6]"),
                bad(MaskType.LIT, "keyMask not 0/1", b -> b.keyMask(with(ones(B, L), 0.5, 1, 2)), "keyMask must hold only 1", "0.5", "[1, 2]"),
                bad(MaskType.LIT, "keyMask NaN", b -> b.keyMask(with(ones(B, L), Double.NaN, 0, 4)), "keyMask must be finite", "NaN", "[0, 4]"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("badInputs")
    void badInputsAreRejected(MaskType mask, String description, Consumer<LionInputs.Builder> change,
            String[] fragments) {
        LionInputs.Builder builder = valid(mask);
        assertDoesNotThrow(builder::build, "the unchanged builder is valid");
        change.accept(builder);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build, description);
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' lacks '" + fragment + "'");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void chunkSizeBelowOneIsRejected(int chunkSize) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LionOptions.builder().chunkSize(chunkSize));
        assertTrue(e.getMessage().contains("chunkSize must be >= 1, got " + chunkSize), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1e-9, Double.NaN, Double.POSITIVE_INFINITY})
    void negativeOrNonFiniteEpsIsRejected(double eps) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LionOptions.builder().eps(eps));
        assertTrue(e.getMessage().contains("eps must be finite and >= 0, got " + eps), e.getMessage());
    }

    @Test
    void boundaryValuesAreAccepted() {
        assertDoesNotThrow(() -> valid(MaskType.DECAY).lambda(ones(H)).build(), "lambda = 1");
        assertDoesNotThrow(() -> valid(MaskType.SELECTIVE).logA(zeros(B, H, L).sub(700)).build(), "logA = -700");
        assertDoesNotThrow(() -> valid(MaskType.LIT).keyMask(zeros(B, L)).build(), "all padding");
        assertDoesNotThrow(() -> LionOptions.builder().eps(0).chunkSize(1).build(), "eps = 0, chunkSize = 1");
    }

    private static LionInputs.Builder valid(MaskType mask) {
        LionInputs.Builder builder = LionInputs.builder(mask).q(ones(B, H, L, D)).k(ones(B, H, L, D)).v(ones(B, H, L, D));
        if (mask == MaskType.DECAY) {
            builder.lambda(ones(H).mul(0.5));
        } else if (mask == MaskType.SELECTIVE) {
            builder.logA(zeros(B, H, L).sub(0.5));
        }
        return builder;
    }

    private static INDArray ones(long... shape) {
        return Nd4j.ones(DataType.DOUBLE, shape);
    }

    private static INDArray zeros(long... shape) {
        return Nd4j.zeros(DataType.DOUBLE, shape);
    }

    private static INDArray with(INDArray array, double value, long... index) {
        array.putScalar(index, value);
        return array;
    }
}
