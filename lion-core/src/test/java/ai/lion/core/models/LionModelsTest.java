package ai.lion.core.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lion.core.testing.SingleThreadedNd4j;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import ai.lion.core.layers.DecayInit;
import ai.lion.core.layers.LionBlockLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;

@ExtendWith(SingleThreadedNd4j.class)
class LionModelsTest {

    private static final AdamW OPTIMIZER = AdamW.defaults();

    /** A tiny patch classifier: 8×8 single-channel images, 2×2 patches (16 patches + cls). */
    static LionConfig.Builder tinyPatches() {
        return LionConfig.builder().width(8).depth(1).heads(2).mlpRatio(2).patches(8, 2, 1).numClasses(4);
    }

    static LionConfig.Builder tinyTokens() {
        return LionConfig.builder().width(8).depth(1).heads(2).mlpRatio(2).tokens(12, 10).numClasses(2);
    }

    static Stream<LionConfig> patchVariants() {
        return Stream.of(
                tinyPatches().variant(LionVariant.LIT).build(),
                tinyPatches().variant(LionVariant.DECAY).trainingForm(TrainingForm.CHUNK).chunkSize(5).build(),
                tinyPatches().variant(LionVariant.SELECTIVE).pooling(Pooling.CLS).positionalEmbedding(true).build(),
                tinyPatches().variant(LionVariant.DECAY_CURVE).depth(2).dropPath(0.1).build(),
                tinyPatches().variant(LionVariant.SELECTIVE_CURVE).trainingForm(TrainingForm.CHUNK).chunkSize(4)
                        .dropout(0.1).build());
    }

    @ParameterizedTest
    @MethodSource("patchVariants")
    void patchClassifierGivesClassProbabilitiesForEveryVariant(LionConfig config) {
        ComputationGraph model = LionModels.build(config, OPTIMIZER);
        MultiDataSet data = SyntheticTasks.brightQuadrant((PatchInput) config.input(), 3, new Random(1));

        INDArray probabilities = model.outputSingle(data.getFeatures(0));

        assertArrayEquals(new long[]{3, 4}, probabilities.shape());
        assertTrue(probabilities.sum(1).equalsWithEps(Nd4j.ones(probabilities.dataType(), 3), 1e-5), "rows are distributions");
        model.fit(data);
        assertTrue(Double.isFinite(model.score()), "one training step gives a finite loss");
    }

    @Test
    void meanPoolingAveragesEveryPositionIncludingTheClsToken() {
        ComputationGraph model = LionModels.build(tinyPatches().build(), OPTIMIZER);
        Map<String, INDArray> activations = model.feedForward(randomPatches(2), false);

        INDArray normed = activations.get(Encoder.NORM);
        assertEquals(17, normed.size(2), "16 patches and the cls token");
        assertEquals(normed.mean(2), activations.get(ClassifierHead.POOL));
    }

    @Test
    void clsPoolingReadsThePositionOfTheClsToken() {
        ComputationGraph model = LionModels.build(tinyPatches().pooling(Pooling.CLS).build(), OPTIMIZER);
        Map<String, INDArray> activations = model.feedForward(randomPatches(2), false);

        INDArray normed = activations.get(Encoder.NORM);
        assertEquals(normed.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(0)),
                activations.get(ClassifierHead.POOL));
    }

    /** Random features for {@link #tinyPatches()}: patchDim 4, 16 patches. */
    private static INDArray randomPatches(int batch) {
        return Nd4j.rand(DataType.FLOAT, batch, 4, 16);
    }

    @Test
    void tokenClassifierIgnoresWhatIsBehindTheMask() {
        LionConfig config = tinyTokens().positionalEmbedding(true).build();
        ComputationGraph model = LionModels.build(config, OPTIMIZER);
        MultiDataSet data = SyntheticTasks.aBeforeB((TokenInput) config.input(), 4, new Random(2));
        INDArray ids = data.getFeatures(0);
        INDArray mask = data.getFeaturesMaskArray(0);
        INDArray otherPadding = ids.dup();
        for (int n = 0; n < ids.size(0); n++) {
            for (int t = 0; t < ids.size(1); t++) {
                if (mask.getDouble(n, t) == 0) {
                    otherPadding.putScalar(n, t, 5 + (n + t) % 6);
                }
            }
        }
        INDArray[] masks = {mask};

        INDArray expected = model.output(false, new INDArray[]{ids}, masks)[0];
        INDArray actual = model.output(false, new INDArray[]{otherPadding}, masks)[0];

        assertArrayEquals(new long[]{4, 2}, expected.shape());
        assertTrue(expected.equalsWithEps(actual, 1e-6), expected + " vs " + actual);
        assertNotEquals(expected, model.output(false, new INDArray[]{otherPadding}, null)[0],
                "without the mask the padding does count");
    }

    @Test
    void tokenIdsMayComeAsBatchByTimeOrBatchByOneByTime() {
        LionConfig config = tinyTokens().build();
        ComputationGraph model = LionModels.build(config, OPTIMIZER);
        MultiDataSet data = SyntheticTasks.aBeforeB((TokenInput) config.input(), 3, new Random(5));
        INDArray ids = data.getFeatures(0);
        INDArray[] masks = data.getFeaturesMaskArrays();

        INDArray flat = model.output(false, new INDArray[]{ids}, masks)[0];
        INDArray withChannel = model.output(false, new INDArray[]{ids.reshape(3, 1, 10)}, masks)[0];

        assertEquals(flat, withChannel);
    }

    @Test
    void maskedLanguageModelPredictsTheVocabularyAtEveryPosition() {
        LionConfig config = tinyTokens().numClasses(0).task(Task.MLM).build();
        ComputationGraph model = LionModels.build(config, OPTIMIZER);
        MultiDataSet data = SyntheticTasks.periodicCopy((TokenInput) config.input(), 3, 0.2, 5, new Random(3));

        INDArray probabilities = model.outputSingle(data.getFeatures(0));

        assertArrayEquals(new long[]{5, 12, 10}, probabilities.shape());
        assertTrue(probabilities.sum(1).equalsWithEps(Nd4j.ones(probabilities.dataType(), 5, 10), 1e-5));
        model.fit(data);
        assertTrue(Double.isFinite(model.score()));
    }

    @Test
    void dropoutActsOnTheEmbeddedSequenceOnlyWhileTraining() {
        ComputationGraph model = LionModels.build(tinyPatches().dropout(0.5).build(), OPTIMIZER);
        INDArray x = randomPatches(2);

        INDArray embedded = model.feedForward(x, false).get(Encoder.EMBEDDING);
        assertEquals(embedded, model.feedForward(x, false).get(Encoder.EMBEDDING_DROPOUT), "inference: identity");
        INDArray dropped = model.feedForward(x, true).get(Encoder.EMBEDDING_DROPOUT);
        long zeros = dropped.eq(0).castTo(DataType.INT).sumNumber().longValue();
        assertTrue(zeros > 0.3 * dropped.length() && zeros < 0.7 * dropped.length(), zeros + " of " + dropped.length());
        INDArray kept = dropped.neq(0).castTo(dropped.dataType());
        assertTrue(dropped.mul(kept).equalsWithEps(embedded.mul(2).mul(kept), 1e-6), "survivors are scaled by 1/(1-p)");
    }

    @Test
    void blocksGetTheDropoutAndALinearlyRisingDropPath() {
        ComputationGraph model = LionModels.build(tinyPatches().depth(3).dropout(0.2).dropPath(0.3).build(), OPTIMIZER);
        double[] expectedDropPath = {0, 0.15, 0.3};
        for (int i = 0; i < 3; i++) {
            LionBlockLayer block = (LionBlockLayer) model.getLayer(Encoder.BLOCK + i).conf().getLayer();
            assertEquals(0.2, block.getDropout(), Encoder.BLOCK + i);
            assertEquals(expectedDropPath[i], block.getDropPath(), 1e-15, Encoder.BLOCK + i);
        }
    }

    @Test
    void spreadDecaysSpanTheTokenSequenceFromTwoPositionsToItsLength() {
        LionConfig.Builder spread = tinyTokens().width(16).heads(4).depth(2).tokens(12, 128).decayInit(DecayInit.SPREAD);
        ComputationGraph selective = LionModels.build(spread.variant(LionVariant.SELECTIVE).build(), OPTIMIZER);
        ComputationGraph decay = LionModels.build(spread.variant(LionVariant.DECAY).build(), OPTIMIZER);
        double[] spans = {2, 8, 32, 128};   // 2 · 64^(h/3): geometric from 2 to the 128 token positions
        for (int i = 0; i < 2; i++) {
            INDArray gateBias = selective.getParam(Encoder.BLOCK + i + "_gateB");
            INDArray decayLogit = decay.getParam(Encoder.BLOCK + i + "_decay");
            for (int h = 0; h < 4; h++) {
                double a = 1 - 1 / (1 + Math.exp(-gateBias.getDouble(h)));
                double lambda = 1 / (1 + Math.exp(-decayLogit.getDouble(h)));
                assertEquals(1 - 1 / spans[h], a, 1e-6, "selective head " + h);
                assertEquals(1 - 1 / spans[h], lambda, 1e-6, "decay head " + h);
            }
        }
    }

    @Test
    void theAuthorsDecaysAreTheDefault() {
        ComputationGraph selective = LionModels.build(tinyTokens().variant(LionVariant.SELECTIVE).build(), OPTIMIZER);
        assertEquals(0.0, selective.getParam(Encoder.BLOCK + "0_gateB").amaxNumber().doubleValue());
        INDArray logits = LionModels.build(tinyTokens().width(64).heads(64).variant(LionVariant.DECAY).build(), OPTIMIZER)
                .getParam(Encoder.BLOCK + "0_decay");
        assertEquals(0, logits.meanNumber().doubleValue(), 0.5, "N(0, 1) logits");
        assertEquals(1, logits.stdNumber().doubleValue(), 0.4, "N(0, 1) logits");
    }

    @Test
    void eachBuilderRejectsTheOtherKinds() {
        LionConfig patches = tinyPatches().build();
        LionConfig tokens = tinyTokens().build();
        LionConfig mlm = tinyTokens().numClasses(0).task(Task.MLM).build();
        assertThrows(IllegalArgumentException.class, () -> PatchClassifier.configuration(tokens, OPTIMIZER));
        assertThrows(IllegalArgumentException.class, () -> TokenClassifier.configuration(mlm, OPTIMIZER));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MaskedLanguageModel.configuration(patches, OPTIMIZER));
        assertEquals("MaskedLanguageModel needs TOKENS input and task MLM, got "
                + "PatchInput[imageSize=8, patchSize=2, channels=1] and CLASSIFY", e.getMessage());
    }

    @Test
    void theGraphHasTheDocumentedInputAndOutput() {
        for (LionConfig config : List.of(tinyPatches().build(), tinyTokens().build(),
                tinyTokens().numClasses(0).task(Task.MLM).build())) {
            ComputationGraph model = LionModels.build(config, OPTIMIZER);
            assertEquals(List.of(LionModels.INPUT), model.getConfiguration().getNetworkInputs());
            assertEquals(List.of(LionModels.OUTPUT), model.getConfiguration().getNetworkOutputs());
        }
    }

    @Test
    void linearWeightsStartFromATruncatedNormalAndBiasesFromZero() {
        ComputationGraph model = LionModels.build(tinyPatches().width(64).heads(4).positionalEmbedding(true).build(),
                OPTIMIZER);
        for (String weight : List.of("embedding_W", "embedding_cls", "positions_pos", "output_W")) {
            INDArray w = model.getParam(weight);
            assertTrue(w.amaxNumber().doubleValue() <= 0.04 + 1e-7, weight + " is truncated at two std");
            double std = w.stdNumber().doubleValue();
            assertTrue(w.length() < 200 || Math.abs(std - 0.0176) < 0.004,
                    weight + ": std of N(0, 0.02) truncated at 2σ is 0.0176, got " + std);
        }
        assertEquals(0.0, model.getParam("embedding_b").amaxNumber().doubleValue());
        assertEquals(0.0, model.getParam("output_b").amaxNumber().doubleValue());
    }

    @Test
    void adamWDecaysWeightMatricesOnlyAndSetsItsMomentsOnEveryLayer() {
        ComputationGraph model = LionModels.build(tinyPatches().positionalEmbedding(true).build(),
                new AdamW(0.1, 0.8, 0.99, 1e-6));
        List<Regularization> decay = List.of(new WeightDecay(0.1, true));
        assertEquals(decay, regularization(model, Encoder.EMBEDDING, "W"));
        assertEquals(decay, regularization(model, LionModels.OUTPUT, "W"), "once, although DL4J appends it twice");
        assertEquals(List.of(), regularization(model, Encoder.EMBEDDING, "b"));
        assertEquals(List.of(), regularization(model, Encoder.EMBEDDING, "cls"));
        assertEquals(List.of(), regularization(model, Encoder.POSITIONS, "pos"));
        assertEquals(List.of(), regularization(model, LionModels.OUTPUT, "b"));
        for (String layer : List.of(Encoder.EMBEDDING, LionModels.OUTPUT)) {
            Adam adam = (Adam) model.getLayer(layer).conf().getLayer().getUpdaterByParam("W");
            assertEquals(List.of(0.8, 0.99, 1e-6), List.of(adam.getBeta1(), adam.getBeta2(), adam.getEpsilon()), layer);
        }
    }

    /**
     * From the same start and data, the Adam step is the same with and without decay, so the difference
     * after one step is the decoupled decay alone: {@code -lr · wd · w} for weight matrices, 0 for biases.
     */
    @Test
    void oneStepShrinksEveryWeightMatrixByLearningRateTimesDecay() {
        LionConfig config = tinyPatches().build();
        MultiDataSet data = SyntheticTasks.brightQuadrant((PatchInput) config.input(), 8, new Random(4));
        double lr = 0.01;
        double wd = 0.5;
        ComputationGraph decayed = LionModels.build(config, AdamW.defaults().withWeightDecay(wd));
        ComputationGraph plain = LionModels.build(config, AdamW.defaults().withWeightDecay(0));
        decayed.setLearningRate(lr);
        plain.setLearningRate(lr);
        Map<String, INDArray> before = copyOf(plain.paramTable());
        decayed.fit(data);
        plain.fit(data);
        for (String param : List.of("embedding_W", "output_W")) {
            INDArray expected = before.get(param).mul(-lr * wd);
            INDArray actual = decayed.getParam(param).sub(plain.getParam(param));
            assertTrue(expected.equalsWithEps(actual, 1e-6), param + ": " + actual + " vs " + expected);
        }
        for (String param : List.of("embedding_b", "embedding_cls", "output_b")) {
            assertEquals(plain.getParam(param), decayed.getParam(param), param + " is not decayed");
        }
    }

    private static Map<String, INDArray> copyOf(Map<String, INDArray> params) {
        Map<String, INDArray> copy = new HashMap<>();
        params.forEach((name, value) -> copy.put(name, value.dup()));
        return copy;
    }

    private static List<Regularization> regularization(ComputationGraph model, String layer, String param) {
        return model.getLayer(layer).conf().getLayer().getRegularizationByParam(param);
    }

    @Test
    void theSeedDeterminesTheParameters() {
        INDArray first = LionModels.build(tinyPatches().seed(5).build(), OPTIMIZER).params();
        assertEquals(first, LionModels.build(tinyPatches().seed(5).build(), OPTIMIZER).params());
        assertNotEquals(first, LionModels.build(tinyPatches().seed(6).build(), OPTIMIZER).params());
    }
}
