package ai.lion.core.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import ai.lion.core.testing.DoublePrecision;
import ai.lion.core.testing.GradientChecks;
import ai.lion.core.testing.FiniteDifferences;

import ai.lion.core.testing.SingleThreadedNd4j;
import java.util.Map;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * The 2x gradient defect of DL4J M2.x SameDiff layers, and its fix. The same trivial layer
 * ({@code y = tanh(x) ∘ w}, per channel) is run as a plain {@link SameDiffLayer} and as an
 * {@link ExactGradientSameDiffLayer}, each above a built-in Conv1D; the analytic gradients are
 * compared with central finite differences of the score.
 */
@ExtendWith({DoublePrecision.class, SingleThreadedNd4j.class})
class ExactGradientSameDiffLayerTest {

    private static final int LENGTH = 4;

    @Test
    void plainSameDiffLayerDoublesParameterGradientsAndEpsilon() {
        ComputationGraph net = TestNets.around(new PlainScale(), LENGTH);
        assertEquals(2.0, gradientRatio(net, "lion_w"), 1e-6);
        assertEquals(2.0, gradientRatio(net, "below_W"), 1e-6);
    }

    @Test
    void exactGradientLayerMatchesFiniteDifferences() {
        ComputationGraph net = TestNets.around(new ExactScale(), LENGTH);
        assertEquals(1.0, gradientRatio(net, "lion_w"), 1e-6);
        assertEquals(1.0, gradientRatio(net, "below_W"), 1e-6);
    }

    @Test
    void detectsTheDoubledOutputGradientInTheGradientGraph() {
        ComputationGraph net = TestNets.around(new ExactScale(), LENGTH);
        net.fit(FiniteDifferences.data(TestNets.randomInput(LENGTH, 1), TestNets.randomLabels(LENGTH, 1), null));
        ExactGradientSameDiffRuntime runtime = assertInstanceOf(ExactGradientSameDiffRuntime.class, net.getLayer("lion"));
        // DL4J 1.0.0-M2.1 has the defect; a fixed DL4J would give 1.0 and this test would flag the change
        assertEquals(0.5, runtime.outputGradientScale());
    }

    /**
     * analytic / numeric for the largest-magnitude gradient entry of {@code key}; the numeric
     * derivative of the (minibatch-mean) score is multiplied by the minibatch size, as DL4J's
     * gradients are sums over the minibatch.
     */
    private static double gradientRatio(ComputationGraph net, String key) {
        MultiDataSet data = FiniteDifferences.data(TestNets.randomInput(LENGTH, 3), TestNets.randomLabels(LENGTH, 3), null);
        INDArray analytic = FiniteDifferences.analyticGradients(net, data).get(key);
        long index = Transforms.abs(analytic).dup('c').ravel().argMax().getLong(0);
        double numeric = FiniteDifferences.scoreDerivative(net, data, net.paramTable().get(key), index,
                GradientChecks.LAYER.epsilon());
        return FiniteDifferences.entry(analytic, index) / (numeric * TestNets.BATCH);
    }

    /** {@code y = tanh(x) ∘ w} with one weight per channel, on NCW input. */
    abstract static class ScaleDefinition {
        static SDVariable define(SameDiff sd, SDVariable input, Map<String, SDVariable> params) {
            return sd.math.tanh(input).mul(params.get("w"));
        }

        static void initialize(Map<String, INDArray> params) {
            params.get("w").assign(Nd4j.linspace(0.5, 1.5, TestNets.WIDTH, DataType.DOUBLE)
                    .reshape(1, TestNets.WIDTH, 1));
        }
    }

    /** A plain DL4J SameDiff layer. */
    public static class PlainScale extends SameDiffLayer {
        @JsonProperty("nIn")
        private long nIn;

        @Override
        public SDVariable defineLayer(SameDiff sd, SDVariable input, Map<String, SDVariable> params, SDVariable mask) {
            return ScaleDefinition.define(sd, input, params);
        }

        @Override
        public void defineParameters(SDLayerParams params) {
            params.addWeightParam("w", 1, nIn, 1);
        }

        @Override
        public void initializeParameters(Map<String, INDArray> params) {
            ScaleDefinition.initialize(params);
        }

        @Override
        public InputType getOutputType(int layerIndex, InputType inputType) {
            return inputType;
        }

        @Override
        public void setNIn(InputType inputType, boolean override) {
            nIn = ((InputType.InputTypeRecurrent) inputType).getSize();
        }
    }

    /** The same layer with exact gradients. */
    public static class ExactScale extends ExactGradientSameDiffLayer {
        @JsonProperty("nIn")
        private long nIn;

        @Override
        public SDVariable defineLayer(SameDiff sd, SDVariable input, Map<String, SDVariable> params, SDVariable mask) {
            return ScaleDefinition.define(sd, input, params);
        }

        @Override
        public void defineParameters(SDLayerParams params) {
            params.addWeightParam("w", 1, nIn, 1);
        }

        @Override
        public void initializeParameters(Map<String, INDArray> params) {
            ScaleDefinition.initialize(params);
        }

        @Override
        public InputType getOutputType(int layerIndex, InputType inputType) {
            return inputType;
        }

        @Override
        public void setNIn(InputType inputType, boolean override) {
            nIn = ((InputType.InputTypeRecurrent) inputType).getSize();
        }
    }
}
