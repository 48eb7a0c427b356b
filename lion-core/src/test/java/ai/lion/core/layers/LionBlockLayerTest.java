package ai.lion.core.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lion.core.testing.DoublePrecision;
import ai.lion.core.testing.GradientChecks;
import ai.lion.core.testing.FiniteDifferences;

import ai.lion.core.attention.Form;
import ai.lion.core.attention.MaskType;
import ai.lion.core.testing.SingleThreadedNd4j;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@link LionBlockLayer}: exact gradients (tagged slow: 20-50 s each on a busy 2-core machine), the
 * plain-Java block, dropout and drop-path.
 */
@ExtendWith({DoublePrecision.class, SingleThreadedNd4j.class})
class LionBlockLayerTest {

    private static final int LENGTH = 7;

    private static LionAttentionSpec selectiveChunk() {
        return LionAttentionSpec.builder().heads(2).maskType(MaskType.SELECTIVE).form(Form.CHUNK).chunkSize(3).build();
    }

    @Test
    @Tag("slow")
    void gradientsAreExactSelectiveChunkPadded() {
        ComputationGraph net = TestNets.around(new LionBlockLayer.Builder().attention(selectiveChunk()).mlpRatio(2).build(),
                LENGTH);
        TestNets.randomizeParams(net, "lion", 0.1, 17);
        INDArray padding = TestNets.paddingMask(LENGTH, 4);
        GradientChecks.assertExact(net, TestNets.randomInput(LENGTH, 2), TestNets.randomLabels(LENGTH, 2),
                padding, padding, GradientChecks.BLOCK, "block SELECTIVE CHUNK padded");
    }

    @Test
    @Tag("slow")
    void gradientsAreExactDecayCurve() {
        LionAttentionSpec spec = LionAttentionSpec.builder().heads(2).maskType(MaskType.DECAY)
                .patchOrder(PatchOrder.CURVE, 2).build();
        ComputationGraph net = TestNets.around(new LionBlockLayer.Builder().attention(spec).mlpRatio(2).build(), 5);
        TestNets.randomizeParams(net, "lion", 0.1, 18);
        INDArray padding = TestNets.paddingMask(5, 4);
        GradientChecks.assertExact(net, TestNets.randomInput(5, 3), TestNets.randomLabels(5, 3),
                padding, padding, GradientChecks.BLOCK, "block DECAY CURVE padded");
    }

    @Test
    @Tag("slow")
    void gradientsAreExactThroughDropoutAndDropPathMasks() {
        ComputationGraph net = TestNets.around(new LionBlockLayer.Builder().attention(selectiveChunk()).mlpRatio(2)
                .dropout(0.3).dropPath(0.4).build(), LENGTH);
        TestNets.randomizeParams(net, "lion", 0.1, 19);
        INDArray padding = TestNets.paddingMask(LENGTH, 5);
        GradientChecks.assertExact(net, TestNets.randomInput(LENGTH, 4), TestNets.randomLabels(LENGTH, 4),
                padding, padding, GradientChecks.BLOCK, "block with dropout and drop-path masks", 5);
    }

    @Test
    void matchesThePlainJavaBlock() {
        LionAttentionSpec spec = selectiveChunk();
        ComputationGraph net = TestNets.direct(new LionBlockLayer.Builder().attention(spec).mlpRatio(3).build(), LENGTH);
        TestNets.randomizeParams(net, "lion", 0.5, 20);
        Nd4j.getRandom().setSeed(21);
        INDArray x = Nd4j.randn(DataType.DOUBLE, TestNets.BATCH, TestNets.WIDTH, LENGTH);
        INDArray mask = TestNets.paddingMask(LENGTH, 4);
        INDArray actual = TestNets.activation(net, "lion", x, mask);
        double[][][] expected = new ReferenceBlock(spec, net.getLayer("lion").paramTable(), TestNets.WIDTH).forward(x, mask);
        for (int b = 0; b < TestNets.BATCH; b++) {
            for (int t = 0; t < LENGTH; t++) {
                for (int c = 0; c < TestNets.WIDTH; c++) {
                    if (mask.getDouble(b, t) > 0) {
                        double e = expected[b][t][c];
                        assertEquals(e, actual.getDouble(b, c, t), 1e-10 * Math.max(1, Math.abs(e)), "b=" + b + " c=" + c + " t=" + t);
                    }
                }
            }
        }
    }

    @Test
    void dropoutAndDropPathAreIdentityAtInference() {
        ComputationGraph plain = TestNets.around(new LionBlockLayer.Builder().attention(selectiveChunk()).build(), LENGTH);
        ComputationGraph noisy = TestNets.around(new LionBlockLayer.Builder().attention(selectiveChunk())
                .dropout(0.5).dropPath(0.5).build(), LENGTH);
        noisy.setParams(plain.params());
        INDArray x = TestNets.randomInput(LENGTH, 6);
        INDArray mask = TestNets.paddingMask(LENGTH, 5);
        assertEquals(TestNets.activation(plain, "out", x, mask), TestNets.activation(noisy, "out", x, mask));
    }

    @Test
    void droppedBranchesLeaveTheInputUnchanged() {
        ComputationGraph net = TestNets.direct(new LionBlockLayer.Builder().attention(selectiveChunk())
                .dropPath(0.999).build(), LENGTH);
        TestNets.randomizeParams(net, "lion", 0.5, 22);
        INDArray x = Nd4j.randn(DataType.DOUBLE, TestNets.BATCH, TestNets.WIDTH, LENGTH);
        Nd4j.getRandom().setSeed(3);
        INDArray trained = net.feedForward(new INDArray[]{x}, true).get("lion");
        assertTrue(trained.equalsWithEps(x, 1e-12), "both residual branches dropped: the block is the identity");
        assertFalse(TestNets.activation(net, "lion", x, null).equalsWithEps(x, 1e-3), "at inference nothing is dropped");
    }

    @Test
    void trainingDrawsFreshMasksEveryStep() {
        ComputationGraph net = TestNets.around(new LionBlockLayer.Builder().attention(selectiveChunk())
                .dropout(0.5).build(), LENGTH);
        INDArray x = TestNets.randomInput(LENGTH, 7);
        INDArray first = net.feedForward(new INDArray[]{x}, true).get("lion").dup();
        INDArray second = net.feedForward(new INDArray[]{x}, true).get("lion").dup();
        assertFalse(first.equalsWithEps(second, 1e-12));
        net.fit(FiniteDifferences.data(x, TestNets.randomLabels(LENGTH, 7), TestNets.paddingMask(LENGTH, 4)));
        assertTrue(Double.isFinite(net.score()));
    }

    @Test
    void rejectsInvalidRates() {
        assertThrows(IllegalArgumentException.class, () -> new LionBlockLayer.Builder().dropout(1.0).build());
        assertThrows(IllegalArgumentException.class, () -> new LionBlockLayer.Builder().dropPath(-0.1).build());
        assertThrows(IllegalArgumentException.class, () -> new LionBlockLayer.Builder().mlpRatio(0).build());
    }

    @Test
    void spreadDecaysNeedTheSequenceLength() {
        LionBlockLayer block = new LionBlockLayer.Builder()
                .attention(LionAttentionSpec.builder().heads(2).maskType(MaskType.SELECTIVE).build())
                .decayInit(DecayInit.SPREAD).build();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TestNets.direct(block, -1));
        assertTrue(e.getMessage().contains("needs the sequence length"), e.getMessage());
        INDArray gateBias = TestNets.direct(block, 50).getParam("lion_gateB");
        assertEquals(0.0, gateBias.getDouble(0), 1e-12, "span 2: a = 1/2");
        assertEquals(-Math.log(49), gateBias.getDouble(1), 1e-12, "span 50: a = 1 - 1/50");
    }
}
