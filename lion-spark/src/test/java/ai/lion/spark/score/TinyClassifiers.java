package ai.lion.spark.score;

import java.io.IOException;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Small DL4J sequence classifiers with the input/output layout of the LION classifiers (input
 * {@code input}, pooled vertex {@code pool} feeding the softmax layer {@code output}), built from
 * built-in layers, and the expected outputs of one sequence computed directly with the graph.
 */
public final class TinyClassifiers {

    public static final int WIDTH = 6;

    private TinyClassifiers() {
    }

    /** ids {@code [batch, 1, time]} → embedding → LSTM → mean pool → softmax, initialised. */
    public static ComputationGraph tokens(int vocabulary, int classes, long seed) {
        return initialised(tokensConfiguration(vocabulary, classes, seed));
    }

    /** The configuration of {@link #tokens}. */
    public static ComputationGraphConfiguration tokensConfiguration(int vocabulary, int classes, long seed) {
        GraphBuilder graph = start(seed).addLayer("embedding", new EmbeddingSequenceLayer.Builder()
                .nIn(vocabulary).nOut(WIDTH).outputDataFormat(RNNFormat.NCW).build(), "input");
        return finish(graph, "embedding", WIDTH, classes);
    }

    /** vectors {@code [batch, patchDim, time]} → LSTM → mean pool → softmax, initialised. */
    public static ComputationGraph patches(int patchDim, int classes, long seed) {
        return initialised(finish(start(seed), "input", patchDim, classes));
    }

    private static ComputationGraph initialised(ComputationGraphConfiguration configuration) {
        ComputationGraph graph = new ComputationGraph(configuration);
        graph.init();
        return graph;
    }

    private static GraphBuilder start(long seed) {
        return new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT).updater(new Adam(1e-2))
                .weightInit(WeightInit.XAVIER).graphBuilder().addInputs("input");
    }

    private static ComputationGraphConfiguration finish(GraphBuilder graph, String from, int nIn, int classes) {
        graph.addLayer("encoder", new LSTM.Builder().nIn(nIn).nOut(WIDTH).activation(Activation.TANH)
                        .dataFormat(RNNFormat.NCW).build(), from)
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "encoder")
                .addLayer("output", new OutputLayer.Builder(LossFunction.MCXENT).nIn(WIDTH).nOut(classes)
                        .activation(Activation.SOFTMAX).build(), "pool")
                .setOutputs("output");
        return graph.build();
    }

    /** Writes {@code graph} as a ModelSerializer zip (with updater state) and returns its path. */
    public static Path save(ComputationGraph graph, Path file) throws IOException {
        ModelSerializer.writeModel(graph, file.toFile(), true);
        return file;
    }

    /** One token sequence as the graph's input {@code [1, 1, length]}, unpadded and unmasked. */
    public static INDArray tokenInput(int... ids) {
        float[] values = new float[ids.length];
        for (int t = 0; t < ids.length; t++) {
            values[t] = ids[t];
        }
        return Nd4j.create(values, new long[] {1, 1, ids.length}, DataType.FLOAT);
    }

    /** One patch sequence {@code [steps × patchDim]} row-major as the graph's input {@code [1, patchDim, steps]}. */
    public static INDArray patchInput(float[] rowMajor, int patchDim) {
        int steps = rowMajor.length / patchDim;
        return Nd4j.create(rowMajor, new long[] {1, steps, patchDim}, DataType.FLOAT).permute(0, 2, 1).dup();
    }

    /** The softmax output of {@code graph} for one sequence, computed on its own. */
    public static float[] probabilities(ComputationGraph graph, INDArray input) {
        return graph.outputSingle(false, input).toFloatVector();
    }

    /** The activations of vertex {@code pool} for one sequence, computed on its own. */
    public static float[] pooled(ComputationGraph graph, INDArray input) {
        return graph.feedForward(new INDArray[] {input}, false).get("pool").toFloatVector();
    }
}
