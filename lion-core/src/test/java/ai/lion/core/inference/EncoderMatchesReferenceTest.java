package ai.lion.core.inference;

import static ai.lion.core.attention.LionAssertions.assertMatches;
import static ai.lion.core.attention.LionAssertions.tolerance;

import ai.lion.core.attention.Form;
import ai.lion.core.attention.MaskType;
import ai.lion.core.models.Pooling;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The encoder against the plain-Java {@link ReferenceClassifier} on tiny random models: every mask
 * type, both forms, token and patch input, padding, learned positions, both poolings, scan orders,
 * row blocks that do not divide the length, in float64 (1e-9) and float32 (1e-4).
 */
class EncoderMatchesReferenceTest {

    private static final int VOCABULARY = 13;

    static Stream<Arguments> formsAndMasks() {
        return Stream.of(Form.CHUNK, Form.RNN).flatMap(form -> Stream.of(MaskType.values()).flatMap(mask ->
                Stream.of(DataType.DOUBLE, DataType.FLOAT).map(type -> Arguments.of(form, mask, type))));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("formsAndMasks")
    void paddedTokenBatchWithPositionsAndMeanPooling(Form form, MaskType maskType, DataType dataType) {
        TestModels models = new TestModels(11 + maskType.ordinal(), dataType);
        ReferenceClassifier.ModelSpec spec = models.model(new TestModels.Shape(maskType, 8, 2, 12, 2, false, VOCABULARY,
                20, Pooling.MEAN, 3, List.of(), 0));
        double[][][] ids = models.tokens(3, 11, VOCABULARY);
        double[][] mask = TestModels.mask(11, 11, 7, 1);
        EncoderOptions options = EncoderOptions.builder(form).chunkSize(3).rowBlock(4).build();

        assertEncodes(spec, options, models.array(ids), models.array(mask), ids, mask, dataType);
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("formsAndMasks")
    void unpaddedTokenSequenceWithoutPositions(Form form, MaskType maskType, DataType dataType) {
        TestModels models = new TestModels(23 + maskType.ordinal(), dataType);
        ReferenceClassifier.ModelSpec spec = models.model(new TestModels.Shape(maskType, 12, 3, 24, 1, false, VOCABULARY,
                0, Pooling.MEAN, 2, List.of(), 0));
        double[][][] ids = models.tokens(1, 17, VOCABULARY);
        EncoderOptions options = EncoderOptions.builder(form).chunkSize(5).build();

        assertEncodes(spec, options, models.array(ids).reshape(1, 17), null, ids, null, dataType);
    }

    static Stream<Arguments> scanned() {
        return Stream.of(Form.CHUNK, Form.RNN).flatMap(form -> Stream.of(MaskType.DECAY, MaskType.SELECTIVE)
                .flatMap(mask -> Stream.of(DataType.DOUBLE, DataType.FLOAT).map(type -> Arguments.of(form, mask, type))));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("scanned")
    void patchesWithClsPoolingAlongTwoScanOrders(Form form, MaskType maskType, DataType dataType) {
        TestModels models = new TestModels(37 + maskType.ordinal(), dataType);
        int patches = 9;
        List<int[]> orders = List.of(models.permutation(patches + 1), models.permutation(patches + 1));
        ReferenceClassifier.ModelSpec spec = models.model(new TestModels.Shape(maskType, 8, 2, 16, 2, true, 6,
                0, Pooling.CLS, 4, orders, 0));
        double[][][] x = models.patches(2, 6, patches);
        double[][] mask = TestModels.mask(patches, patches, 5);
        EncoderOptions options = EncoderOptions.builder(form).chunkSize(4).rowBlock(3).build();

        assertEncodes(spec, options, models.array(x), models.array(mask), x, mask, dataType);
    }

    static Stream<Arguments> strongGates() {
        return Stream.of(Form.CHUNK, Form.RNN).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strongGates")
    void selectiveGatesCloseToZeroStayAccurate(Form form) {
        TestModels models = new TestModels(41, DataType.DOUBLE);
        ReferenceClassifier.ModelSpec spec = models.model(new TestModels.Shape(MaskType.SELECTIVE, 8, 2, 8, 1, false,
                VOCABULARY, 0, Pooling.MEAN, 2, List.of(), 8));
        double[][][] ids = models.tokens(2, 40, VOCABULARY);
        double[][] mask = TestModels.mask(40, 40, 33);
        EncoderOptions options = EncoderOptions.builder(form).chunkSize(8).build();

        assertEncodes(spec, options, models.array(ids), models.array(mask), ids, mask, DataType.DOUBLE);
    }

    private static void assertEncodes(ReferenceClassifier.ModelSpec spec, EncoderOptions options, INDArray features,
                                      INDArray mask, double[][][] referenceFeatures, double[][] referenceMask,
                                      DataType dataType) {
        ReferenceClassifier.Result expected = new ReferenceClassifier(spec).classify(referenceFeatures, referenceMask);
        Encoding actual = LongSequenceEncoder.of(TestModels.weights(spec), options).encode(features, mask);
        assertMatches(flat(expected.probabilities()), shape(expected.probabilities()), actual.probabilities(),
                tolerance(dataType));
        assertMatches(flat(expected.embeddings()), shape(expected.embeddings()), actual.embeddings(),
                tolerance(dataType));
    }

    private static double[] flat(double[][] rows) {
        return Arrays.stream(rows).flatMapToDouble(Arrays::stream).toArray();
    }

    private static long[] shape(double[][] rows) {
        return new long[] {rows.length, rows[0].length};
    }
}
