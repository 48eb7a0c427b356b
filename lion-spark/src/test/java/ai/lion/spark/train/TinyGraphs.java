package ai.lion.spark.train;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** Small graphs of built-in DL4J layers on NCW input with feature masks, for trainer tests. */
final class TinyGraphs {

    private TinyGraphs() {
    }

    /** A graph builder with one input called {@code input}, Xavier initialisation from {@code seed}. */
    private static ComputationGraphConfiguration.GraphBuilder graph(long seed, IUpdater updater) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(updater)
                .weightInit(WeightInit.XAVIER)
                .graphBuilder()
                .addInputs("input");
    }

    /**
     * {@code input [batch, channels, time] -> masked mean over time -> Dense(hidden, tanh) -> softmax(classes)},
     * MCXENT loss on one-hot labels.
     */
    static ComputationGraphConfiguration pooledClassifier(int channels, int hidden, int classes, long seed,
                                                          IUpdater updater) {
        return graph(seed, updater)
                .setInputTypes(InputType.recurrent(channels, RNNFormat.NCW))
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "input")
                .addLayer("dense", new DenseLayer.Builder().nOut(hidden).activation(Activation.TANH).build(), "pool")
                .addLayer("output", new OutputLayer.Builder(LossFunction.MCXENT).nOut(classes)
                        .activation(Activation.SOFTMAX).build(), "dense")
                .setOutputs("output")
                .build();
    }

    /**
     * {@code token ids [batch, 1, time] -> embedding(width) -> softmax(vocabulary) at every step}: a
     * masked-language model without context, MCXENT loss on one-hot labels.
     */
    static ComputationGraphConfiguration tokenPredictor(int vocabulary, int width, long seed) {
        return graph(seed, new Adam(1e-3))
                .addLayer("embedding", new EmbeddingSequenceLayer.Builder().nIn(vocabulary).nOut(width).build(), "input")
                .addLayer("output", new RnnOutputLayer.Builder(LossFunction.MCXENT).nIn(width).nOut(vocabulary)
                        .activation(Activation.SOFTMAX).dataFormat(RNNFormat.NCW).build(), "embedding")
                .setOutputs("output")
                .build();
    }

    /** {@code input [batch, channels, time] -> softmax(classes) at every step}, with the given loss. */
    static ComputationGraphConfiguration sequenceTagger(int channels, int classes, long seed, LossFunction loss) {
        return sequenceOutput(channels, classes, seed, loss, Activation.SOFTMAX);
    }

    /** {@code input [batch, channels, time] -> activation(outputs) at every step}, with the given loss. */
    static ComputationGraphConfiguration sequenceOutput(int channels, int outputs, long seed, LossFunction loss,
                                                        Activation activation) {
        return graph(seed, new Adam(1e-3))
                .setInputTypes(InputType.recurrent(channels, RNNFormat.NCW))
                .addLayer("output", new RnnOutputLayer.Builder(loss).nOut(outputs).activation(activation)
                        .dataFormat(RNNFormat.NCW).build(), "input")
                .setOutputs("output")
                .build();
    }
}
