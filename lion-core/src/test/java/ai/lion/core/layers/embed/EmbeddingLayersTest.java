package ai.lion.core.layers.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lion.core.testing.DoublePrecision;
import ai.lion.core.testing.SingleThreadedNd4j;
import ai.lion.core.testing.GradientChecks;

import ai.lion.core.models.TestGraphs;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

@ExtendWith({DoublePrecision.class, SingleThreadedNd4j.class})
class EmbeddingLayersTest {

    private static final int BATCH = 3;
    private static final int PATCH_DIM = 3;
    private static final int PATCHES = 3;
    private static final int WIDTH = 4;
    private static final int VOCAB = 5;

    /** input → [Conv1D] → PatchEmbedding → LearnedPositions → softmax per position. */
    private static ComputationGraph patchGraph(boolean convBelow) {
        GraphBuilder graph = TestGraphs.start(7, InputType.recurrent(PATCH_DIM, PATCHES));
        String below = convBelow ? TestGraphs.convBelow(graph, "conv", PATCH_DIM) : TestGraphs.INPUT;
        graph.addLayer("embed", new PatchEmbedding(PATCH_DIM, PATCHES, WIDTH), below)
                .addLayer("pos", new LearnedPositions(WIDTH, PATCHES + 1), "embed");
        return TestGraphs.withSequenceOutput(graph, "pos", 3);
    }

    @Test
    void patchEmbeddingProjectsEachPatchAndPrependsTheClsToken() {
        ComputationGraph net = patchGraph(false);
        INDArray w = net.getParam("embed_" + PatchEmbedding.WEIGHT);
        INDArray b = net.getParam("embed_" + PatchEmbedding.BIAS);
        INDArray cls = net.getParam("embed_" + PatchEmbedding.CLS);
        b.assign(Nd4j.rand(DataType.DOUBLE, b.shape()));     // non-zero, so that a wrong bias layout shows
        INDArray x = Nd4j.rand(DataType.DOUBLE, BATCH, PATCH_DIM, PATCHES);

        INDArray y = net.feedForward(x, false).get("embed");

        assertArrayEquals(new long[]{BATCH, WIDTH, PATCHES + 1}, y.shape());
        for (int n = 0; n < BATCH; n++) {
            for (int c = 0; c < WIDTH; c++) {
                assertEquals(cls.getDouble(0, c, 0), y.getDouble(n, c, 0), 1e-12, "cls token at position 0");
                for (int t = 0; t < PATCHES; t++) {
                    double expected = b.getDouble(0, c);
                    for (int k = 0; k < PATCH_DIM; k++) {
                        expected += x.getDouble(n, k, t) * w.getDouble(k, c);
                    }
                    assertEquals(expected, y.getDouble(n, c, t + 1), 1e-12);
                }
            }
        }
    }

    @Test
    void learnedPositionsAddTheFirstTimeStepsOfTheTable() {
        int maxLength = 9;
        int length = 7;
        ComputationGraph net = tokenGraph(maxLength, length);
        INDArray pos = net.getParam("pos_" + LearnedPositions.POSITIONS);
        INDArray ids = Nd4j.createFromArray(new double[][]{{1, 2, 3, 4, 0, 0, 0}, {4, 4, 3, 2, 1, 0, 1}});

        var activations = net.feedForward(ids, false);
        INDArray embedded = activations.get("embed");
        INDArray y = activations.get("pos");

        assertArrayEquals(new long[]{2, WIDTH, length}, y.shape());
        for (int n = 0; n < 2; n++) {
            for (int c = 0; c < WIDTH; c++) {
                for (int t = 0; t < length; t++) {
                    assertEquals(embedded.getDouble(n, c, t) + pos.getDouble(0, c, t), y.getDouble(n, c, t), 1e-12);
                }
            }
        }
    }

    /** ids → EmbeddingSequenceLayer → LearnedPositions → masked mean → softmax. */
    private static ComputationGraph tokenGraph(int maxLength, int length) {
        GraphBuilder graph = TestGraphs.start(11, InputType.recurrent(VOCAB, length))
                .addLayer("embed", new EmbeddingSequenceLayer.Builder().nOut(WIDTH).inputLength(length)
                        .outputDataFormat(RNNFormat.NCW).build(), TestGraphs.INPUT)
                .addLayer("pos", new LearnedPositions(WIDTH, maxLength), "embed")
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "pos");
        return TestGraphs.withClassifierOutput(graph, "pool", 2);
    }

    @Test
    void patchEmbeddingGradientsMatchFiniteDifferences() {
        ComputationGraph net = patchGraph(true);
        INDArray x = Nd4j.rand(DataType.DOUBLE, BATCH, PATCH_DIM, PATCHES);
        INDArray labels = oneHotSequence(BATCH, 3, PATCHES + 1);
        GradientChecks.assertExact(net, x, labels, null, null, GradientChecks.MODEL, "patch embedding");
    }

    @Test
    void patchEmbeddingGradientsMatchFiniteDifferencesWithAFeatureMask() {
        ComputationGraph net = patchGraph(true);
        INDArray x = Nd4j.rand(DataType.DOUBLE, BATCH, PATCH_DIM, PATCHES);
        INDArray mask = Nd4j.createFromArray(new double[][]{{1, 1, 1}, {1, 1, 0}, {1, 0, 0}});
        INDArray labels = oneHotSequence(BATCH, 3, PATCHES + 1);
        INDArray labelMask = Nd4j.createFromArray(new double[][]{{1, 1, 1, 1}, {1, 1, 1, 0}, {1, 1, 0, 0}});
        GradientChecks.assertExact(net, x, labels, mask, labelMask, GradientChecks.MODEL,
                "patch embedding, masked");
    }

    @Test
    void patchEmbeddingMarksTheClsTokenReal() {
        ComputationGraph net = patchGraph(false);
        INDArray mask = Nd4j.createFromArray(new double[][]{{1, 1, 0}, {1, 0, 0}, {1, 1, 1}});
        INDArray withCls = net.getLayer("embed").feedForwardMaskArray(mask, MaskState.Active, BATCH).getFirst();
        assertEquals(Nd4j.createFromArray(new double[][]{{1, 1, 1, 0}, {1, 1, 0, 0}, {1, 1, 1, 1}}), withCls);
    }

    @Test
    void learnedPositionGradientsMatchFiniteDifferencesWithAFeatureMask() {
        int length = 6;
        ComputationGraph net = tokenGraph(8, length);
        INDArray ids = Nd4j.createFromArray(new double[][]{{1, 2, 3, 4, 0, 0}, {4, 4, 3, 2, 1, 0}, {0, 1, 0, 1, 0, 1}});
        INDArray mask = Nd4j.createFromArray(new double[][]{{1, 1, 1, 1, 0, 0}, {1, 1, 1, 1, 1, 1}, {1, 1, 1, 0, 0, 0}});
        INDArray labels = Nd4j.createFromArray(new double[][]{{1, 0}, {0, 1}, {0, 1}});
        GradientChecks.assertExact(net, ids, labels, mask, null, GradientChecks.MODEL,
                "token embedding with learned positions, masked");
    }

    private static INDArray oneHotSequence(int batch, int classes, int length) {
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, batch, classes, length);
        for (int n = 0; n < batch; n++) {
            for (int t = 0; t < length; t++) {
                labels.putScalar(n, (n + t) % classes, t, 1.0);
            }
        }
        return labels;
    }

    @Test
    void configurationsSurviveJsonWithTheirFields() {
        ComputationGraph net = patchGraph(false);
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(net.getConfiguration().toJson());
        assertEquals(net.getConfiguration(), back);
        ComputationGraph restored = new ComputationGraph(back);
        restored.init(net.params().dup(), false);
        INDArray x = Nd4j.rand(DataType.DOUBLE, BATCH, PATCH_DIM, PATCHES);
        assertEquals(net.outputSingle(x), restored.outputSingle(x));
    }

    @Test
    void equalityLooksAtTheSizes() {
        assertEquals(new PatchEmbedding(4, 9, 8), new PatchEmbedding(4, 9, 8));
        assertTrue(!new PatchEmbedding(4, 9, 8).equals(new PatchEmbedding(4, 9, 16)));
        assertTrue(!new LearnedPositions(8, 10).equals(new LearnedPositions(8, 11)));
    }

    @Test
    void badSizesAndInputsAreRejected() {
        assertEquals("width must be positive, got 0",
                assertThrows(IllegalArgumentException.class, () -> new LearnedPositions(0, 5)).getMessage());
        assertEquals("numPatches must be positive, got -2",
                assertThrows(IllegalArgumentException.class, () -> new PatchEmbedding(3, -2, 4)).getMessage());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LearnedPositions(4, 5).getOutputType(0, InputType.recurrent(4, 6)));
        assertTrue(e.getMessage().startsWith("LearnedPositions expects recurrent input of size 4 and length at most 5"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new PatchEmbedding(3, 4, 8).validateInput(Nd4j.zeros(2, 3, 5)));
        assertEquals("PatchEmbedding expects input [batch, 3, time <= 4], got [2, 3, 5]", e.getMessage());
    }
}
