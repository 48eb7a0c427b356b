package ai.lion.core.models;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** Small double-precision test graphs around a layer under test: input {@value #INPUT}, output {@value #OUTPUT}. */
public final class TestGraphs {

    public static final String INPUT = "in";
    public static final String OUTPUT = "out";

    private TestGraphs() {
    }

    /** A double-precision graph builder without updater (as gradient checks need) and one input. */
    public static GraphBuilder start(long seed, InputType input) {
        return new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.DOUBLE).updater(new NoOp())
                .graphBuilder().addInputs(INPUT).setInputTypes(input);
    }

    /**
     * Adds a built-in tanh Conv1D (kernel 1, {@code channels} out) named {@code name} after the input, so
     * that a gradient check also covers the epsilon the layer above passes down.
     */
    public static String convBelow(GraphBuilder graph, String name, int channels) {
        graph.addLayer(name, new Convolution1DLayer.Builder(1).nOut(channels).activation(Activation.TANH)
                .rnnDataFormat(RNNFormat.NCW).build(), INPUT);
        return name;
    }

    /** Ends with a softmax over {@code classes} per sequence and returns the initialised graph. */
    public static ComputationGraph withClassifierOutput(GraphBuilder graph, String from, int classes) {
        return init(graph.addLayer(OUTPUT, new OutputLayer.Builder(LossFunction.MCXENT).nOut(classes)
                .activation(Activation.SOFTMAX).build(), from));
    }

    /** Ends with a softmax over {@code classes} at every position (NCW) and returns the initialised graph. */
    public static ComputationGraph withSequenceOutput(GraphBuilder graph, String from, int classes) {
        return init(graph.addLayer(OUTPUT, new RnnOutputLayer.Builder(LossFunction.MCXENT).nOut(classes)
                .activation(Activation.SOFTMAX).dataFormat(RNNFormat.NCW).build(), from));
    }

    private static ComputationGraph init(GraphBuilder graph) {
        ComputationGraph net = new ComputationGraph(graph.setOutputs(OUTPUT).build());
        net.init();
        return net;
    }
}
