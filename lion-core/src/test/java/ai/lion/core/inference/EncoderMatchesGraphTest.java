package ai.lion.core.inference;

import static ai.lion.core.attention.LionAssertions.assertMatches;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.lion.core.attention.Form;
import ai.lion.core.models.AdamW;
import ai.lion.core.models.LionConfig;
import ai.lion.core.models.LionModels;
import ai.lion.core.models.LionVariant;
import ai.lion.core.models.Pooling;
import java.util.List;
import java.util.stream.Stream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The acceptance test: on sequences short enough for both, the encoder's probabilities and pooled
 * embeddings match the ATTENTION-form DL4J graph built by {@link LionModels} ({@code output()} and the
 * pooling vertex), to 1e-4 relative in float32, for every variant, both forms, with and without
 * padding.
 */
class EncoderMatchesGraphTest {

    private static final double TOLERANCE = 1e-4;
    private static final int VOCABULARY = 11;
    private static final int LENGTH = 12;

    static Stream<Arguments> tokenModels() {
        return Stream.of(LionVariant.LIT, LionVariant.DECAY, LionVariant.SELECTIVE).flatMap(variant ->
                Stream.of(Form.CHUNK, Form.RNN).map(form -> Arguments.of(variant, form)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("tokenModels")
    void tokenClassifierWithPositionsOnAPaddedBatch(LionVariant variant, Form form) {
        ComputationGraph graph = randomised(LionConfig.builder().variant(variant).width(16).depth(2).heads(2)
                .tokens(VOCABULARY, LENGTH).numClasses(3).positionalEmbedding(true).build());
        INDArray ids = Nd4j.createFromArray(new float[][] {
                {1, 5, 9, 2, 2, 7, 0, 10, 3, 3, 4, 8},
                {6, 1, 1, 9, 4, 2, 7, 5, 0, 0, 0, 0},
                {10, 3, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0}});
        INDArray mask = TestModels.realSteps(LENGTH, 12, 8, 3);

        assertEncoderMatchesGraph(graph, ids, mask, EncoderOptions.builder(form).chunkSize(5).rowBlock(7).build());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("tokenModels")
    void tokenClassifierWithClsPoolingOnOneSequence(LionVariant variant, Form form) {
        ComputationGraph graph = randomised(LionConfig.builder().variant(variant).width(12).depth(1).heads(3)
                .tokens(VOCABULARY, LENGTH).numClasses(2).pooling(Pooling.CLS).build());
        INDArray ids = Nd4j.createFromArray(new float[][][] {{{4, 4, 0, 9, 1, 3, 10, 2, 6, 5, 7, 8}}});

        assertEncoderMatchesGraph(graph, ids, null, EncoderOptions.builder(form).chunkSize(4).build());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Form.class, names = {"CHUNK", "RNN"})
    void dropoutLayersAreTheIdentityAtInference(Form form) {
        ComputationGraph graph = randomised(LionConfig.builder().variant(LionVariant.DECAY).width(8).depth(1).heads(2)
                .tokens(VOCABULARY, LENGTH).numClasses(2).dropout(0.2).build());
        INDArray ids = Nd4j.createFromArray(new float[][] {{3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8}});

        assertEncoderMatchesGraph(graph, ids, null, EncoderOptions.of(form));
    }

    static Stream<Arguments> patchModels() {
        return Stream.of(LionVariant.DECAY_CURVE, LionVariant.SELECTIVE_CURVE, LionVariant.SELECTIVE).flatMap(variant ->
                Stream.of(Form.CHUNK, Form.RNN).flatMap(form ->
                        Stream.of(Pooling.MEAN, Pooling.CLS).map(pooling -> Arguments.of(variant, form, pooling))));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("patchModels")
    void patchClassifier(LionVariant variant, Form form, Pooling pooling) {
        ComputationGraph graph = randomised(LionConfig.builder().variant(variant).width(8).depth(2).heads(2)
                .patches(6, 2, 1).numClasses(4).pooling(pooling).build());
        INDArray patches = Nd4j.randn(DataType.FLOAT, 2, 4, 9);
        INDArray mask = TestModels.realSteps(9, 9, 6);

        assertEncoderMatchesGraph(graph, patches, mask, EncoderOptions.builder(form).chunkSize(3).rowBlock(4).build());
    }

    /** A freshly built model whose parameters are moved away from their (nearly uniform) initialisation. */
    private static ComputationGraph randomised(LionConfig config) {
        ComputationGraph graph = LionModels.build(config, AdamW.defaults());
        Nd4j.getRandom().setSeed(config.variant().ordinal());
        graph.params().addi(Nd4j.randn(DataType.FLOAT, graph.params().shape()).muli(0.3));
        return graph;
    }

    private static void assertEncoderMatchesGraph(ComputationGraph graph, INDArray features, INDArray mask,
                                                  EncoderOptions options) {
        INDArray[] expected = graph.output(List.of(LionModels.OUTPUT, "pool"), false, new INDArray[] {features},
                mask == null ? null : new INDArray[] {mask});
        Encoding actual = LongSequenceEncoder.forGraph(graph, options).encode(features, mask);
        assertEquals(DataType.FLOAT, actual.probabilities().dataType());
        assertMatches(expected[0], actual.probabilities(), TOLERANCE);
        assertMatches(expected[1], actual.embeddings(), TOLERANCE);
    }
}
