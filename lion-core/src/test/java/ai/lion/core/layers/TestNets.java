package ai.lion.core.layers;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Tiny double-precision graphs around a layer under test: a built-in Conv1D (kernel 1) below it, so
 * the epsilon the layer passes down is checked through the Conv1D's parameter gradients, and an
 * RnnOutputLayer (MSE) above it. Test classes using them run with {@code DoublePrecision}, so that the
 * arrays ND4J creates by default are double too.
 */
final class TestNets {

    static final int BATCH = 2;
    static final int IN = 3;
    static final int WIDTH = 8;
    static final int OUT = 2;

    private TestNets() {
    }

    /** {@code input -> Conv1D(IN -> WIDTH, tanh) -> layer -> RnnOutputLayer(WIDTH -> OUT)}. */
    static ComputationGraph around(Layer layer, long length) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE).seed(12345).updater(new NoOp())
                .graphBuilder()
                .addInputs("in")
                .addLayer("below", new Convolution1DLayer.Builder().kernelSize(1).nOut(WIDTH)
                        .activation(Activation.TANH).build(), "in")
                .addLayer("lion", layer, "below")
                .addLayer("out", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE)
                        .activation(Activation.IDENTITY).nOut(OUT).build(), "lion")
                .setOutputs("out")
                .setInputTypes(InputType.recurrent(IN, length))
                .build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    /** {@code input(WIDTH) -> layer -> RnnOutputLayer(WIDTH -> OUT)}: the layer sees the raw input. */
    static ComputationGraph direct(Layer layer, long length) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE).seed(12345).updater(new NoOp())
                .graphBuilder()
                .addInputs("in")
                .addLayer("lion", layer, "in")
                .addLayer("out", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE)
                        .activation(Activation.IDENTITY).nOut(OUT).build(), "lion")
                .setOutputs("out")
                .setInputTypes(InputType.recurrent(WIDTH, length))
                .build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    /** The activations of vertex {@code name} at inference, with an optional feature mask. */
    static INDArray activation(ComputationGraph net, String name, INDArray input, INDArray mask) {
        net.setLayerMaskArrays(mask == null ? null : new INDArray[]{mask}, null);
        INDArray out = net.feedForward(new INDArray[]{input}, false).get(name).dup();
        net.clearLayerMaskArrays();
        return out;
    }

    /** Overwrites every parameter of layer {@code name} with N(0, std²) draws. */
    static void randomizeParams(ComputationGraph net, String name, double std, long seed) {
        Nd4j.getRandom().setSeed(seed);
        for (INDArray p : net.getLayer(name).paramTable().values()) {
            p.assign(Nd4j.randn(DataType.DOUBLE, p.shape()).muli(std));
        }
    }

    static INDArray randomInput(long length, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.DOUBLE, BATCH, IN, length).muli(2).subi(1);
    }

    static INDArray randomLabels(long length, long seed) {
        Nd4j.getRandom().setSeed(seed + 1);
        return Nd4j.rand(DataType.DOUBLE, BATCH, OUT, length);
    }

    /** Batch 0 full length, batch 1 padded after {@code realLength} positions. */
    static INDArray paddingMask(long length, long realLength) {
        INDArray mask = Nd4j.ones(DataType.DOUBLE, BATCH, length);
        for (long t = realLength; t < length; t++) {
            mask.putScalar(1, t, 0.0);
        }
        return mask;
    }
}
