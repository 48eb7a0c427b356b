package ai.lion.core.layers;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lion.core.attention.Form;
import ai.lion.core.attention.MaskType;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The layers train in single precision, on minibatches of any length, and reject configurations they cannot build. */
class LionLayerTrainingTest {

    private static final int BATCH = 32;
    private static final int WIDTH = 8;
    private static final int LENGTH = 9;

    @Test
    void blockLearnsASequenceTaskInFloat() {
        LionAttentionSpec spec = LionAttentionSpec.builder().heads(2).maskType(MaskType.SELECTIVE)
                .form(Form.CHUNK).chunkSize(4).build();
        ComputationGraph net = new ComputationGraph(new NeuralNetConfiguration.Builder()
                .dataType(DataType.FLOAT).seed(7).updater(new Adam(1e-2))
                .graphBuilder()
                .addInputs("in")
                .addLayer("block", new LionBlockLayer.Builder().attention(spec).dropPath(0.1).build(), "in")
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "block")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX).nOut(2).build(), "pool")
                .setOutputs("out")
                .setInputTypes(InputType.recurrent(WIDTH, LENGTH))
                .build());
        net.init();

        // label: whether channel 0 at the first position exceeds channel 1 at the last real position
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.randn(DataType.FLOAT, BATCH, WIDTH, LENGTH);
        INDArray mask = Nd4j.ones(DataType.FLOAT, BATCH, LENGTH);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, BATCH, 2);
        for (int b = 0; b < BATCH; b++) {
            int last = LENGTH - 1 - b % 3;
            for (int t = last + 1; t < LENGTH; t++) {
                mask.putScalar(b, t, 0);
            }
            labels.putScalar(b, x.getDouble(b, 0, 0) > x.getDouble(b, 1, last) ? 1 : 0, 1);
        }
        MultiDataSet data = new MultiDataSet(new INDArray[]{x}, new INDArray[]{labels}, new INDArray[]{mask}, null);

        double initial = net.score(data);
        for (int i = 0; i < 60; i++) {
            net.fit(data);
        }
        double trained = net.score(data);
        assertTrue(Double.isFinite(trained));
        assertTrue(trained < 0.5 * initial, "score " + initial + " -> " + trained);
    }

    @Test
    void chunkFormTakesMinibatchesOfAnyLength() {
        LionAttentionSpec chunk = LionAttentionSpec.builder().heads(2).maskType(MaskType.SELECTIVE)
                .form(Form.CHUNK).chunkSize(3).build();
        ComputationGraph chunked = unsizedAttention(chunk);
        ComputationGraph whole = unsizedAttention(chunk.toBuilder().form(Form.ATTENTION).build());
        whole.setParams(chunked.params());
        for (int length : new int[]{LENGTH, 5, 1}) {
            Nd4j.getRandom().setSeed(length);
            INDArray x = Nd4j.randn(DataType.FLOAT, 4, WIDTH, length);
            INDArray expected = whole.outputSingle(x);
            INDArray actual = chunked.outputSingle(x);
            assertTrue(actual.equalsWithEps(expected, 1e-4), "length " + length);
            chunked.fit(new org.nd4j.linalg.dataset.DataSet(x, x));
            whole.setParams(chunked.params());
        }
    }

    /** One attention layer, its input type without a sequence length. */
    private static ComputationGraph unsizedAttention(LionAttentionSpec spec) {
        ComputationGraph net = new ComputationGraph(new NeuralNetConfiguration.Builder()
                .dataType(DataType.FLOAT).seed(5).updater(new Adam(1e-2))
                .graphBuilder().addInputs("in")
                .addLayer("lion", new LionAttentionLayer.Builder().attention(spec).build(), "in")
                .addLayer("out", new org.deeplearning4j.nn.conf.layers.RnnLossLayer.Builder(
                        LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).build(), "lion")
                .setOutputs("out")
                .setInputTypes(InputType.recurrent(WIDTH))
                .build());
        net.init();
        return net;
    }

    @Test
    void headsMustDivideTheWidth() {
        LionAttentionSpec threeHeads = LionAttentionSpec.builder().heads(3).build();
        assertThrows(IllegalArgumentException.class, () ->
                new NeuralNetConfiguration.Builder().graphBuilder().addInputs("in")
                        .addLayer("lion", new LionAttentionLayer.Builder().attention(threeHeads).build(), "in")
                        .setOutputs("lion")
                        .setInputTypes(InputType.recurrent(WIDTH, LENGTH))
                        .build());
    }

    @Test
    void curveOrderNeedsOnePlusGridSquaredPositions() {
        LionAttentionSpec curve = LionAttentionSpec.builder().patchOrder(PatchOrder.CURVE, 2).build();
        assertThrows(IllegalArgumentException.class, () ->
                new NeuralNetConfiguration.Builder().graphBuilder().addInputs("in")
                        .addLayer("lion", new LionAttentionLayer.Builder().attention(curve).build(), "in")
                        .setOutputs("lion")
                        .setInputTypes(InputType.recurrent(WIDTH, 6))
                        .build());
    }

    @Test
    void specRejectsInconsistentOptions() {
        assertThrows(IllegalArgumentException.class, () -> LionAttentionSpec.builder().form(Form.RNN).build());
        assertThrows(IllegalArgumentException.class, () -> LionAttentionSpec.builder().chunkSize(0).build());
        assertThrows(IllegalArgumentException.class, () -> LionAttentionSpec.builder().heads(0).build());
        assertThrows(IllegalArgumentException.class,
                () -> LionAttentionSpec.builder().maskType(MaskType.LIT).patchOrder(PatchOrder.CURVE, 3).build());
        assertThrows(IllegalArgumentException.class,
                () -> LionAttentionSpec.builder().patchOrder(PatchOrder.NORMAL, 3).build());
    }
}
