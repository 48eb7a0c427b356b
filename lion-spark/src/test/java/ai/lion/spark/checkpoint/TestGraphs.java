package ai.lion.spark.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Small Dense + Output graphs with Adam (built-in DL4J layers only) and exact state comparison. */
final class TestGraphs {

    private TestGraphs() {
    }

    /**
     * A graph {@code in -> Dense(nIn, hidden, tanh) -> Output(hidden, nOut, softmax)} trained for
     * {@code steps} minibatches, so that its Adam moments are non-zero.
     */
    static ComputationGraph trained(long seed, int nIn, int hidden, int nOut, int steps) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(new Adam(1e-2))
                .weightInit(WeightInit.XAVIER)
                .graphBuilder()
                .addInputs("in")
                .addLayer("dense", new DenseLayer.Builder().nIn(nIn).nOut(hidden).activation(Activation.TANH).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(hidden).nOut(nOut).activation(Activation.SOFTMAX).build(), "dense")
                .setOutputs("out")
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        DataSet batch = batch(seed, 16, nIn, nOut);
        for (int i = 0; i < steps; i++) {
            graph.fit(batch);
        }
        return graph;
    }

    /** A reproducible minibatch: uniform features, one-hot labels cycling through the classes. */
    static DataSet batch(long seed, int rows, int nIn, int nOut) {
        Nd4j.getRandom().setSeed(seed);
        INDArray features = Nd4j.rand(DataType.FLOAT, rows, nIn);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, rows, nOut);
        for (int row = 0; row < rows; row++) {
            labels.putScalar(row, row % nOut, 1.0);
        }
        return new DataSet(features, labels);
    }

    /** Asserts bit-identical parameters, updater state, iteration count and outputs on {@code input}. */
    static void assertSameState(ComputationGraph expected, ComputationGraph actual, INDArray input) {
        assertArrayEquals(values(expected.params()), values(actual.params()), 0.0, "parameters");
        assertArrayEquals(values(expected.getUpdater().getStateViewArray()),
                values(actual.getUpdater().getStateViewArray()), 0.0, "updater state");
        assertEquals(expected.getConfiguration().getIterationCount(), actual.getConfiguration().getIterationCount(),
                "iteration count");
        assertArrayEquals(values(expected.outputSingle(input)), values(actual.outputSingle(input)), 0.0, "outputs");
    }

    private static double[] values(INDArray array) {
        return array.ravel().toDoubleVector();
    }
}
