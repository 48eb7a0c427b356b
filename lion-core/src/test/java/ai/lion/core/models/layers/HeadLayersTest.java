package ai.lion.core.models.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.lion.core.testing.DoublePrecision;
import ai.lion.core.testing.SingleThreadedNd4j;
import ai.lion.core.testing.GradientChecks;

import ai.lion.core.models.TestGraphs;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

@ExtendWith({DoublePrecision.class, SingleThreadedNd4j.class})
class HeadLayersTest {

    private static final int BATCH = 3;
    private static final int WIDTH = 4;
    private static final int LENGTH = 3;

    /** input → Conv1D (a built-in layer below, so input gradients are checked) → norm → ClsPooling → softmax. */
    private static ComputationGraph graph() {
        GraphBuilder graph = TestGraphs.start(3, InputType.recurrent(WIDTH, LENGTH));
        graph.addLayer("norm", new SequenceLayerNorm(WIDTH), TestGraphs.convBelow(graph, "conv", WIDTH))
                .addLayer("pool", new ClsPooling(), "norm");
        return TestGraphs.withClassifierOutput(graph, "pool", 3);
    }

    @Test
    void layerNormNormalisesEveryPositionOverItsChannels() {
        ComputationGraph net = graph();
        INDArray gain = net.getParam("norm_" + SequenceLayerNorm.GAIN).assign(Nd4j.rand(DataType.DOUBLE, 1, WIDTH, 1));
        INDArray bias = net.getParam("norm_" + SequenceLayerNorm.BIAS).assign(Nd4j.rand(DataType.DOUBLE, 1, WIDTH, 1));
        INDArray x = Nd4j.rand(DataType.DOUBLE, BATCH, WIDTH, LENGTH);

        var activations = net.feedForward(x, false);
        INDArray in = activations.get("conv");
        INDArray y = activations.get("norm");

        for (int n = 0; n < BATCH; n++) {
            for (int t = 0; t < LENGTH; t++) {
                double mean = 0;
                for (int c = 0; c < WIDTH; c++) {
                    mean += in.getDouble(n, c, t) / WIDTH;
                }
                double variance = 0;
                for (int c = 0; c < WIDTH; c++) {
                    variance += Math.pow(in.getDouble(n, c, t) - mean, 2) / WIDTH;
                }
                for (int c = 0; c < WIDTH; c++) {
                    double expected = (in.getDouble(n, c, t) - mean) / Math.sqrt(variance + 1e-6)
                            * gain.getDouble(0, c, 0) + bias.getDouble(0, c, 0);
                    assertEquals(expected, y.getDouble(n, c, t), 1e-12);
                }
            }
        }
    }

    @Test
    void layerNormStartsAsThePlainNormalisation() {
        ComputationGraph net = graph();
        assertEquals(Nd4j.ones(DataType.DOUBLE, 1, WIDTH, 1), net.getParam("norm_" + SequenceLayerNorm.GAIN));
        assertEquals(Nd4j.zeros(DataType.DOUBLE, 1, WIDTH, 1), net.getParam("norm_" + SequenceLayerNorm.BIAS));
    }

    @Test
    void clsPoolingTakesPositionZero() {
        ComputationGraph net = graph();
        var activations = net.feedForward(Nd4j.rand(DataType.DOUBLE, BATCH, WIDTH, LENGTH), false);
        INDArray pooled = activations.get("pool");
        assertArrayEquals(new long[]{BATCH, WIDTH}, pooled.shape());
        assertEquals(activations.get("norm").get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(0)), pooled);
    }

    @Test
    void gradientsOfNormAndPoolingMatchFiniteDifferences() {
        ComputationGraph net = graph();
        net.getParam("norm_" + SequenceLayerNorm.GAIN).assign(Nd4j.rand(DataType.DOUBLE, 1, WIDTH, 1).addi(0.5));
        net.getParam("norm_" + SequenceLayerNorm.BIAS).assign(Nd4j.rand(DataType.DOUBLE, 1, WIDTH, 1));
        INDArray labels = Nd4j.createFromArray(new double[][]{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}});
        GradientChecks.assertExact(net, Nd4j.rand(DataType.DOUBLE, BATCH, WIDTH, LENGTH), labels, null, null,
                GradientChecks.MODEL, "head layers");
    }

    @Test
    void configurationsSurviveJson() {
        ComputationGraphConfiguration conf = graph().getConfiguration();
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());
        assertEquals(conf, back, "equality includes the layer widths");
        assertNotEquals(conf, ComputationGraphConfiguration.fromJson(conf.toJson().replace("\"width\" : 4", "\"width\" : 6")));
    }

    @Test
    void layerNormRejectsAnotherWidth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SequenceLayerNorm(4).getOutputType(0, InputType.recurrent(5, 3)));
        assertEquals("SequenceLayerNorm expects recurrent input of size 4, got InputTypeRecurrent(5,timeSeriesLength=3,format=NCW)",
                e.getMessage());
    }
}
