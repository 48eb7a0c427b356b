package ai.lion.core.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import ai.lion.core.attention.Form;
import ai.lion.core.attention.MaskType;
import ai.lion.core.testing.DoublePrecision;
import ai.lion.core.testing.GradientChecks;
import ai.lion.core.testing.SingleThreadedNd4j;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The softmax baseline in the sequence layers ({@link AttentionKind#SOFTMAX}): exact gradients of the
 * attention layer and the block, padded positions, parameters and the spec's rules.
 */
@ExtendWith({DoublePrecision.class, SingleThreadedNd4j.class})
class SoftmaxLayersTest {

    private static final int LENGTH = 6;
    private static final LionAttentionSpec SOFTMAX = LionAttentionSpec.builder().heads(2).softmax().build();

    @ParameterizedTest(name = "padded={0}")
    @ValueSource(booleans = {false, true})
    void attentionLayerGradientsAreExact(boolean padded) {
        ComputationGraph net = TestNets.around(new LionAttentionLayer.Builder().attention(SOFTMAX).build(), LENGTH);
        TestNets.randomizeParams(net, "lion", 0.5, 11);
        INDArray mask = padded ? TestNets.paddingMask(LENGTH, 4) : null;
        GradientChecks.assertExact(net, TestNets.randomInput(LENGTH, 7), TestNets.randomLabels(LENGTH, 7), mask, mask,
                GradientChecks.LAYER, "softmax attention padded=" + padded);
    }

    @Test
    @Tag("slow")
    void blockGradientsAreExactWithPadding() {
        ComputationGraph net = TestNets.around(new LionBlockLayer.Builder().attention(SOFTMAX).mlpRatio(2).build(),
                LENGTH);
        TestNets.randomizeParams(net, "lion", 0.3, 12);
        INDArray mask = TestNets.paddingMask(LENGTH, 4);
        GradientChecks.assertExact(net, TestNets.randomInput(LENGTH, 8), TestNets.randomLabels(LENGTH, 8), mask, mask,
                GradientChecks.BLOCK, "softmax block padded");
    }

    @Test
    void paddedInputsDoNotChangeTheRealOutputs() {
        ComputationGraph net = TestNets.direct(new LionAttentionLayer.Builder().attention(SOFTMAX).build(), LENGTH);
        TestNets.randomizeParams(net, "lion", 0.5, 13);
        INDArray mask = TestNets.paddingMask(LENGTH, 4);
        Nd4j.getRandom().setSeed(9);
        INDArray input = Nd4j.randn(DataType.DOUBLE, TestNets.BATCH, TestNets.WIDTH, LENGTH);
        INDArray before = TestNets.activation(net, "lion", input, mask);
        input.get(NDArrayIndex.point(1), NDArrayIndex.all(), NDArrayIndex.interval(4, LENGTH)).assign(5);
        INDArray after = TestNets.activation(net, "lion", input, mask);
        INDArray realBefore = before.get(NDArrayIndex.point(1), NDArrayIndex.all(), NDArrayIndex.interval(0, 4));
        INDArray realAfter = after.get(NDArrayIndex.point(1), NDArrayIndex.all(), NDArrayIndex.interval(0, 4));
        assertEquals(0, realBefore.sub(realAfter).amaxNumber().doubleValue(), 1e-12);
        assertEquals(before.slice(0), after.slice(0), "the unpadded sequence is unchanged");
    }

    @Test
    void parametersAreTheLitOnesWithoutDecay() {
        assertEquals(List.of("qkvW", "projW", "qkvB", "projB"), names(ParameterTable.attention(SOFTMAX, 8, DecayInit.AUTHORS, -1)));
        LionAttentionSpec lit = LionAttentionSpec.builder().heads(2).maskType(MaskType.LIT).build();
        assertEquals(names(ParameterTable.block(lit, 8, 16, DecayInit.AUTHORS, -1)), names(ParameterTable.block(SOFTMAX, 8, 16, DecayInit.AUTHORS, -1)));
    }

    @Test
    void specAllowsOnlyTheAttentionFormWithoutDecay() {
        IllegalArgumentException chunk = assertThrows(IllegalArgumentException.class,
                () -> SOFTMAX.toBuilder().form(Form.CHUNK).build());
        assertTrue(chunk.getMessage().contains("ATTENTION") && chunk.getMessage().contains("CHUNK"), chunk.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SOFTMAX.toBuilder().maskType(MaskType.DECAY).build());
        assertThrows(IllegalArgumentException.class,
                () -> SOFTMAX.toBuilder().patchOrder(PatchOrder.CURVE, 2).build());
    }

    @Test
    void jsonKeepsTheKindAndSpecsWithoutOneAreLion() {
        ComputationGraph net = TestNets.around(new LionBlockLayer.Builder().attention(SOFTMAX).build(), LENGTH);
        String json = net.getConfiguration().toJson();
        assertEquals(SOFTMAX, attention(ComputationGraphConfiguration.fromJson(json)));
        String withoutKind = json.replaceAll("\"kind\"\\s*:\\s*\"SOFTMAX\"\\s*,", "");
        assertTrue(!withoutKind.equals(json), "the kind is written");
        LionAttentionSpec old = attention(ComputationGraphConfiguration.fromJson(
                withoutKind.replace("\"maskType\" : \"LIT\"", "\"maskType\" : \"DECAY\"")));
        assertEquals(AttentionKind.LION, old.kind());
        assertEquals(MaskType.DECAY, old.maskType());
    }

    private static LionAttentionSpec attention(ComputationGraphConfiguration conf) {
        return ((LionSequenceLayer) ((LayerVertex) conf.getVertices().get("lion")).getLayerConf().getLayer())
                .getAttention();
    }

    private static List<String> names(ParameterTable table) {
        return table.entries().stream().map(ParameterTable.Entry::name).toList();
    }
}
