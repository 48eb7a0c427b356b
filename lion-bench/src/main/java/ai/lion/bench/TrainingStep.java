package ai.lion.bench;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RnnLossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * One training step's compute for a single sequence layer: a float32 ComputationGraph
 * {@code input [B, C, T] (NCW) -> layer under test -> RnnLossLayer (MSE, identity)} with fixed
 * random input and labels. {@link #run()} is {@code computeGradientAndScore()}: the forward pass, the
 * loss and the backward pass to every parameter, without any updater step.
 */
final class TrainingStep {

    private static final long SEED = 42;

    private final ComputationGraph graph;

    /**
     * @param layer  the layer under test; it must map {@code [B, C, T]} to {@code [B, C, T]}
     * @param batch  B
     * @param width  C
     * @param length T
     */
    TrainingStep(Layer layer, int batch, int width, int length) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(SEED)
                .dataType(DataType.FLOAT)
                .updater(new NoOp())
                .graphBuilder()
                .addInputs("input")
                .setInputTypes(InputType.recurrent(width, length, RNNFormat.NCW))
                .addLayer("layer", layer, "input")
                .addLayer("loss", new RnnLossLayer.Builder(LossFunctions.LossFunction.MSE)
                        .activation(Activation.IDENTITY).build(), "layer")
                .setOutputs("loss")
                .build();
        graph = new ComputationGraph(conf);
        graph.init();
        Nd4j.getRandom().setSeed(SEED);
        graph.setInputs(Nd4j.rand(DataType.FLOAT, batch, width, length).subi(0.5));
        graph.setLabels(Nd4j.rand(DataType.FLOAT, batch, width, length).subi(0.5));
    }

    /** Forward, loss and backward once; returns the score. */
    double run() {
        graph.computeGradientAndScore();
        return graph.score();
    }
}
