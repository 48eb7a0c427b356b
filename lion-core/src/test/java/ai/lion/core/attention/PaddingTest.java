package ai.lion.core.attention;

import static ai.lion.core.attention.LionAssertions.assertMatches;
import static ai.lion.core.attention.LionAssertions.tolerance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.indices;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import ai.lion.core.attention.RandomInputs.Gates;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A padded batch gives, at every real position, what each sequence gives when run alone without its
 * padding (pads at the end, in the middle, at the start, and a sequence that is all padding), and 0 at
 * every padded position. The padded positions hold random garbage, including their decays.
 */
class PaddingTest {

    private static final int HEADS = 2;
    private static final int LENGTH = 11;
    private static final int DIM = 4;
    private static final int CHUNK = 3;
    /** One row per sequence: 1 = real, 0 = padding. */
    private static final double[][] KEY_MASK = {
            {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1},
            {1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0},
            {0, 1, 1, 0, 0, 1, 1, 1, 0, 1, 0},
            {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}};

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (DataType dataType : List.of(DataType.DOUBLE, DataType.FLOAT)) {
            for (MaskType mask : MaskType.values()) {
                for (boolean normalize : new boolean[] {true, false}) {
                    cases.add(Arguments.of(mask, dataType, normalize));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} normalize={2}")
    @MethodSource("cases")
    void paddedBatchEqualsEachSequenceAlone(MaskType mask, DataType dataType, boolean normalize) {
        int batch = KEY_MASK.length;
        LionInputs padded = new RandomInputs(mask.ordinal() * 2L + (normalize ? 1 : 0))
                .builder(mask, Gates.MODERATE, dataType, normalize, batch, HEADS, LENGTH, DIM)
                .keyMask(Nd4j.create(KEY_MASK).castTo(dataType))
                .build();
        // eps = 0: a padded position must still come out as 0, not 0/0
        LionOptions options = LionOptions.builder().normalize(normalize).eps(0).chunkSize(CHUNK).build();
        List<LionAttention> implementations = new ArrayList<>();
        for (Form form : Form.values()) {
            implementations.add(LionAttention.of(form, options));
        }
        implementations.add(new ReferenceLion(options));
        for (LionAttention implementation : implementations) {
            INDArray y = implementation.apply(padded);
            assertEquals(dataType, y.dataType());
            for (int b = 0; b < batch; b++) {
                int[] real = positions(b, 1);
                int[] pad = positions(b, 0);
                if (real.length > 0) {
                    INDArray alone = new ReferenceLion(options).apply(alone(padded, b, real));
                    assertMatches(alone, rows(y, b, real), tolerance(dataType));
                }
                if (pad.length > 0) {
                    assertMatches(new double[HEADS * pad.length * DIM], new long[] {1, HEADS, pad.length, DIM},
                            rows(y, b, pad), 0);
                }
            }
        }
    }

    /** Sequence b without its padded positions, as a batch of one. */
    private static LionInputs alone(LionInputs padded, int b, int[] real) {
        LionInputs.Builder builder = LionInputs.builder(padded.maskType())
                .q(rows(padded.q(), b, real))
                .k(rows(padded.k(), b, real))
                .v(rows(padded.v(), b, real));
        padded.lambda().ifPresent(builder::lambda);
        padded.logA().ifPresent(logA -> builder.logA(logA.get(point(b), all(), indices(toLong(real)))
                .reshape(1, HEADS, real.length)));
        return builder.build();
    }

    /** x[b, :, positions, :] as [1, H, n, d]. */
    private static INDArray rows(INDArray x, int b, int[] positions) {
        return x.get(point(b), all(), indices(toLong(positions)), all()).reshape(1, HEADS, positions.length, x.size(3));
    }

    private static int[] positions(int b, double flag) {
        return IntStream.range(0, LENGTH).filter(t -> KEY_MASK[b][t] == flag).toArray();
    }

    private static long[] toLong(int[] values) {
        return IntStream.of(values).asLongStream().toArray();
    }
}
