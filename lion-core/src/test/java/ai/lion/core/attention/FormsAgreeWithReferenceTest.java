package ai.lion.core.attention;

import static ai.lion.core.attention.LionAssertions.assertMatches;
import static ai.lion.core.attention.LionAssertions.tolerance;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.lion.core.attention.RandomInputs.Gates;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Every form equals {@link ReferenceLion} on random inputs, for every mask, size edge and precision. */
class FormsAgreeWithReferenceTest {

    /** A problem size, a chunk size and whether the output is normalised. */
    record Size(int batch, int heads, int length, int dim, int chunkSize, boolean normalize) {
        @Override
        public String toString() {
            return "B" + batch + " H" + heads + " L" + length + " d" + dim + " C" + chunkSize
                    + (normalize ? "" : " unnormalised");
        }
    }

    private static final List<Size> SIZES = List.of(
            new Size(1, 1, 1, 4, 1, true),      // a single position
            new Size(1, 1, 7, 3, 3, true),      // B = H = 1, L % C != 0
            new Size(2, 3, 13, 5, 3, false),    // unnormalised, signed q and k
            new Size(2, 2, 10, 4, 1, true),     // C = 1
            new Size(1, 2, 9, 6, 16, true),     // C > L
            new Size(3, 1, 24, 8, 8, true),     // L % C == 0
            new Size(2, 2, 40, 4, 7, false));   // several uneven chunks, unnormalised

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (DataType dataType : List.of(DataType.DOUBLE, DataType.FLOAT)) {
            for (Size size : SIZES) {
                cases.add(Arguments.of(MaskType.LIT, Gates.NONE, dataType, size));
                cases.add(Arguments.of(MaskType.DECAY, Gates.NONE, dataType, size));
                for (Gates gates : Gates.values()) {
                    cases.add(Arguments.of(MaskType.SELECTIVE, gates, dataType, size));
                }
            }
        }
        return cases.stream();
    }

    /** q, k and v as permuted views of [B, L, H, d] arrays (the layout after a qkv projection) work as well. */
    @Test
    void nonContiguousInputsGiveTheSameOutput() {
        RandomInputs random = new RandomInputs(5);
        INDArray q = random.positive(DataType.DOUBLE, 2, 9, 3, 4).permute(0, 2, 1, 3);
        INDArray k = random.positive(DataType.DOUBLE, 2, 9, 3, 4).permute(0, 2, 1, 3);
        INDArray v = random.signed(DataType.DOUBLE, 2, 9, 3, 4).permute(0, 2, 1, 3);
        INDArray logA = random.logA(Gates.MODERATE, DataType.DOUBLE, 2, 9, 3).permute(0, 2, 1);
        LionInputs views = LionInputs.builder(MaskType.SELECTIVE).q(q).k(k).v(v).logA(logA).build();
        LionInputs copies = LionInputs.builder(MaskType.SELECTIVE).q(q.dup('c')).k(k.dup('c')).v(v.dup('c'))
                .logA(logA.dup('c')).build();
        LionOptions options = LionOptions.builder().chunkSize(4).build();
        INDArray expected = new ReferenceLion(options).apply(copies);
        for (Form form : Form.values()) {
            assertMatches(expected, LionAttention.of(form, options).apply(views), tolerance(DataType.DOUBLE));
        }
    }

    /**
     * Strong selective decays over a long sequence make the prefix sums of log a large (about -4000),
     * where float32 resolves only ~5e-4: masks built from raw float32 prefix-sum differences would be
     * off by that much relative. The forms that use prefix sums must still match the float64 result in
     * float32 (the RNN form multiplies by one decay per step and has no prefix sums).
     */
    @Test
    void float32StaysAccurateWhenLogDecaySumsAreLarge() {
        int length = 512;
        RandomInputs random = new RandomInputs(11);
        INDArray q = random.positive(DataType.DOUBLE, 1, 1, length, 8);
        INDArray k = random.positive(DataType.DOUBLE, 1, 1, length, 8);
        INDArray v = random.signed(DataType.DOUBLE, 1, 1, length, 8);
        INDArray logA = random.positive(DataType.DOUBLE, 1, 1, length).mul(-16);
        LionOptions options = LionOptions.builder().chunkSize(64).build();
        INDArray expected = LionAttention.of(Form.ATTENTION, options)
                .apply(LionInputs.builder(MaskType.SELECTIVE).q(q).k(k).v(v).logA(logA).build());
        LionInputs float32 = LionInputs.builder(MaskType.SELECTIVE).q(q.castTo(DataType.FLOAT))
                .k(k.castTo(DataType.FLOAT)).v(v.castTo(DataType.FLOAT)).logA(logA.castTo(DataType.FLOAT)).build();
        for (Form form : List.of(Form.ATTENTION, Form.CHUNK)) {
            assertMatches(expected, LionAttention.of(form, options).apply(float32), 2e-5);
        }
    }

    @ParameterizedTest(name = "{0} gates={1} {2} {3}")
    @MethodSource("cases")
    void everyFormMatchesTheReference(MaskType mask, Gates gates, DataType dataType, Size size) {
        LionInputs inputs = new RandomInputs(size.hashCode() * 31L + mask.ordinal() * 7L + gates.ordinal())
                .builder(mask, gates, dataType, size.normalize(), size.batch(), size.heads(), size.length(),
                        size.dim())
                .build();
        LionOptions options = LionOptions.builder().normalize(size.normalize()).chunkSize(size.chunkSize()).build();
        INDArray expected = new ReferenceLion(options).apply(inputs);
        for (Form form : Form.values()) {
            INDArray y = LionAttention.of(form, options).apply(inputs);
            assertEquals(dataType, y.dataType(), form + " output data type");
            assertMatches(expected, y, tolerance(dataType));
        }
    }
}
