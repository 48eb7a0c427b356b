package ai.lion.spark.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.OptionalDouble;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

class GraphSettingsTest {

    private static final float[][][] FEATURES = {{{0.5f, -1f, 2f}, {1f, 0f, -0.5f}}, {{-2f, 1f, 0f}, {0.3f, 0.7f, 1f}}};

    private static MultiDataSet batch() {
        INDArray features = Nd4j.create(FEATURES).castTo(DataType.FLOAT);
        INDArray mask = Nd4j.create(new float[][] {{1, 1, 0}, {1, 1, 1}});
        INDArray labels = Nd4j.create(new float[][] {{1, 0, 0}, {0, 0, 1}});
        return new MultiDataSet(new INDArray[] {features}, new INDArray[] {labels}, new INDArray[] {mask}, null);
    }

    private static ComputationGraph build(ComputationGraphConfiguration configuration) {
        ComputationGraph graph = new ComputationGraph(configuration);
        graph.init();
        return graph;
    }

    private static ComputationGraphConfiguration classifier(IUpdater updater) {
        return TinyGraphs.pooledClassifier(2, 4, 3, 11, updater);
    }

    @Test
    void clippingAndDecayAreSetOnEveryLayerWithParameters() {
        ComputationGraphConfiguration configuration = classifier(new Adam(1e-3));

        GraphSettings.apply(configuration, Optional.of(GradientClipping.l2PerLayer(2.5)), OptionalDouble.of(0.01));

        for (String name : new String[] {"dense", "output"}) {
            BaseLayer layer = (BaseLayer) ((LayerVertex) configuration.getVertices().get(name)).getLayerConf().getLayer();
            assertEquals(GradientNormalization.ClipL2PerLayer, layer.getGradientNormalization(), name);
            assertEquals(2.5, layer.getGradientNormalizationThreshold(), 0.0, name);
            assertEquals(1, layer.getRegularization().size(), name);
            WeightDecay decay = (WeightDecay) layer.getRegularization().get(0);
            assertEquals(0.01, decay.getCoeff().valueAt(0, 0), 0.0, name);
            assertTrue(decay.isApplyLR(), name);
            assertTrue(layer.getRegularizationBias().isEmpty(), "biases are not decayed: " + name);
        }
    }

    @Test
    void decoupledWeightDecayShrinksWeightsByRateTimesCoefficientAndLeavesBiases() {
        double rate = 0.1;
        double decay = 0.5;
        ComputationGraph plain = build(classifier(new Sgd(rate)));
        ComputationGraphConfiguration decayed = classifier(new Sgd(rate));
        GraphSettings.apply(decayed, Optional.empty(), OptionalDouble.of(decay));
        ComputationGraph withDecay = build(decayed);
        INDArray before = plain.getParam("dense_W").dup();
        INDArray biasBefore = plain.getParam("dense_b").dup();

        plain.fit(batch());
        withDecay.fit(batch());

        // SGD with decoupled decay: w' = w - rate * grad - rate * decay * w
        INDArray expectedWeights = plain.getParam("dense_W").sub(before.mul(rate * decay));
        assertArrayEquals(expectedWeights.ravel().toFloatVector(), withDecay.getParam("dense_W").ravel().toFloatVector(), 1e-6f);
        assertArrayEquals(plain.getParam("dense_b").toFloatVector(), withDecay.getParam("dense_b").toFloatVector(), 0f);
        assertTrue(biasBefore.neq(plain.getParam("dense_b")).any(), "the biases did train");
    }

    @Test
    void elementWiseClippingBoundsEveryUpdate() {
        double limit = 1e-3;
        ComputationGraphConfiguration clipped = classifier(new Sgd(1.0));
        GraphSettings.apply(clipped, Optional.of(GradientClipping.elementWise(limit)), OptionalDouble.empty());
        ComputationGraph graph = build(clipped);
        INDArray before = graph.params().dup();

        graph.fit(batch());

        double largestStep = graph.params().sub(before).amaxNumber().doubleValue();
        assertTrue(largestStep <= limit + 1e-6, "largest step " + largestStep); // float32 rounding of the parameters
        assertTrue(largestStep > limit / 2, "the clip was reached: " + largestStep);
    }

    @Test
    void aLayerWithParametersOfAnUnsupportedKindIsNamed() {
        ComputationGraphConfiguration configuration = new NeuralNetConfiguration.Builder()
                .graphBuilder()
                .addInputs("in")
                .addLayer("frozen", new FrozenLayer(new DenseLayer.Builder().nIn(2).nOut(2).build()), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunction.MSE).nIn(2).nOut(1)
                        .activation(Activation.IDENTITY).build(), "frozen")
                .setOutputs("out")
                .build();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GraphSettings.apply(configuration, Optional.of(GradientClipping.l2PerLayer(1)), OptionalDouble.empty()));
        assertTrue(e.getMessage().contains("'frozen'"), e.getMessage());
    }

    @Test
    void theLearningRateSetOnTheDriverGraphIsInTheConfigurationThatSparkBroadcasts() {
        ComputationGraph graph = build(classifier(new Adam(1e-3)));

        graph.setLearningRate(0.0123);

        // ParameterAveragingTrainingMaster broadcasts getConfiguration() and each worker uses a clone of it
        ComputationGraphConfiguration sent = graph.getConfiguration().clone();
        for (String name : new String[] {"dense", "output"}) {
            BaseLayer layer = (BaseLayer) ((LayerVertex) sent.getVertices().get(name)).getLayerConf().getLayer();
            assertEquals(0.0123, layer.getIUpdater().getLearningRate(0, 0), 0.0, name);
        }
    }
}
