package ai.lion.core.inference;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lion.core.attention.Form;
import ai.lion.core.attention.MaskType;
import ai.lion.core.models.AdamW;
import ai.lion.core.models.LionConfig;
import ai.lion.core.models.LionModels;
import ai.lion.core.models.Pooling;
import ai.lion.core.models.Task;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** Bad options, parameters, graphs and inputs fail fast with a message naming what is wrong. */
class EncoderInputErrorsTest {

    private static final int VOCABULARY = 7;

    private final TestModels models = new TestModels(3, DataType.FLOAT);

    @Test
    void optionsRejectTheAttentionFormAndNonPositiveSizes() {
        assertFails(() -> EncoderOptions.of(Form.ATTENTION), "CHUNK or RNN");
        assertFails(() -> EncoderOptions.builder(Form.CHUNK).chunkSize(0), "chunkSize");
        assertFails(() -> EncoderOptions.builder(Form.RNN).rowBlock(0), "rowBlock");
    }

    @Test
    void blockParametersAreCheckedByName() {
        Map<String, INDArray> parameters = new HashMap<>(tokenModel(MaskType.SELECTIVE, Pooling.MEAN, 0).blocks().get(0));
        Map<String, INDArray> missing = new HashMap<>(parameters);
        missing.remove("gateB");
        assertFails(() -> BlockWeights.fromParameters(missing, 2, MaskType.SELECTIVE, List.of()), "'gateB' is missing");
        Map<String, INDArray> misshapen = new HashMap<>(parameters);
        misshapen.put("projW", Nd4j.zeros(DataType.FLOAT, 8, 7));
        assertFails(() -> BlockWeights.fromParameters(misshapen, 2, MaskType.SELECTIVE, List.of()), "'projW'");
        assertFails(() -> BlockWeights.fromParameters(parameters, 3, MaskType.SELECTIVE, List.of()), "heads=3");
        assertFails(() -> BlockWeights.fromParameters(parameters, 2, MaskType.SELECTIVE, List.of(new int[] {0, 2, 2})),
                "scan order 0");
        assertFails(() -> BlockWeights.fromParameters(parameters, 2, MaskType.LIT, List.of(new int[] {1, 0})), "LIT");
    }

    @Test
    void modelPartsMustShareTheWidth() {
        ReferenceClassifier.ModelSpec spec = tokenModel(MaskType.DECAY, Pooling.MEAN, 0);
        ModelWeights weights = TestModels.weights(spec);
        assertFails(() -> new ModelWeights(weights.embedding(), null, weights.blocks(), weights.normGain(),
                weights.normBias(), Pooling.MEAN, Nd4j.zeros(DataType.FLOAT, 5, 2), Nd4j.zeros(DataType.FLOAT, 2)),
                "classifier has width 5");
    }

    @Test
    void tokenIdsMustBeIntegersOfTheVocabulary() {
        LongSequenceEncoder encoder = encoder(tokenModel(MaskType.LIT, Pooling.MEAN, 0));
        assertFails(() -> encoder.encode(Nd4j.createFromArray(new float[][] {{1, 2, 7}}), null),
                "position 2 is 7.0, not an integer in [0, 7)");
        assertFails(() -> encoder.encode(Nd4j.createFromArray(new float[][] {{1.5f, 2}}), null), "1.5");
        assertFails(() -> encoder.encode(Nd4j.zeros(DataType.FLOAT, 1, 2, 3), null), "[batch, 1, time]");
    }

    @Test
    void masksMustFitTheInputAndLeaveSomethingToPool() {
        LongSequenceEncoder mean = encoder(tokenModel(MaskType.DECAY, Pooling.MEAN, 0));
        INDArray ids = Nd4j.createFromArray(new float[][] {{1, 2, 3}, {4, 5, 6}});
        assertFails(() -> mean.encode(ids, Nd4j.ones(DataType.FLOAT, 2, 4)), "[batch, steps] = [2, 3]");
        assertFails(() -> mean.encode(ids, Nd4j.createFromArray(new float[][] {{1, 1, 0.5f}, {1, 1, 1}})),
                "0.5 at batch 0, step 2");
        assertFails(() -> mean.encode(ids, Nd4j.createFromArray(new float[][] {{1, 1, 1}, {0, 0, 0}})),
                "every step of batch 1");
        LongSequenceEncoder cls = encoder(tokenModel(MaskType.DECAY, Pooling.CLS, 0));
        assertFails(() -> cls.encode(ids, Nd4j.createFromArray(new float[][] {{1, 1, 1}, {0, 1, 1}})),
                "position 0");
    }

    @Test
    void sequencesMustFitThePositionsAndTheScanOrders() {
        LongSequenceEncoder positions = encoder(tokenModel(MaskType.DECAY, Pooling.MEAN, 4));
        assertFails(() -> positions.encode(Nd4j.createFromArray(new float[][] {{1, 2, 3, 4, 5}}), null),
                "cover 4 positions, but the input has 5");
        ReferenceClassifier.ModelSpec scanned = models.model(new TestModels.Shape(MaskType.DECAY, 4, 2, 4, 1, false,
                VOCABULARY, 0, Pooling.MEAN, 2, List.of(new int[] {2, 0, 1}, new int[] {1, 2, 0}), 0));
        assertFails(() -> encoder(scanned).encode(Nd4j.createFromArray(new float[][] {{1, 2}}), null),
                "block 0 scans a fixed order of 3 positions");
    }

    @Test
    void graphsOutsideTheLionClassifierLayoutAreRefused() {
        ComputationGraph lstm = new ComputationGraph(new NeuralNetConfiguration.Builder().graphBuilder()
                .addInputs("in")
                .addLayer("lstm", new LSTM.Builder().nIn(3).nOut(4).dataFormat(RNNFormat.NCW).build(), "in")
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "lstm")
                .addLayer("out", new OutputLayer.Builder(LossFunction.MCXENT).nIn(4).nOut(2)
                        .activation(Activation.SOFTMAX).build(), "pool")
                .setOutputs("out").build());
        lstm.init();
        assertFalse(GraphWeights.hasLionBlocks(lstm.getConfiguration()));
        assertFails(() -> GraphWeights.read(lstm), "vertex 'lstm' (LSTM) does not fit");

        ComputationGraph mlm = LionModels.build(LionConfig.builder().width(8).heads(2).depth(1).tokens(VOCABULARY, 6)
                .task(Task.MLM).build(), AdamW.defaults());
        assertTrue(GraphWeights.hasLionBlocks(mlm.getConfiguration()));
        assertFails(() -> GraphWeights.read(mlm), "RnnOutputLayer");
    }

    private ReferenceClassifier.ModelSpec tokenModel(MaskType maskType, Pooling pooling, int maxLength) {
        return models.model(new TestModels.Shape(maskType, 4, 2, 8, 1, false, VOCABULARY, maxLength, pooling, 2,
                List.of(), 0));
    }

    private static LongSequenceEncoder encoder(ReferenceClassifier.ModelSpec spec) {
        return LongSequenceEncoder.of(TestModels.weights(spec), EncoderOptions.of(Form.CHUNK));
    }

    private static void assertFails(Executable action, String expectedMessagePart) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action);
        assertTrue(e.getMessage().contains(expectedMessagePart),
                "message '" + e.getMessage() + "' should contain '" + expectedMessagePart + "'");
    }
}
