package ai.lion.core.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import ai.lion.core.testing.DoublePrecision;
import ai.lion.core.testing.SingleThreadedNd4j;
import java.io.File;
import java.nio.file.Path;

import ai.lion.core.attention.Form;
import ai.lion.core.attention.MaskType;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * JSON and ModelSerializer round trips. Fields are compared one by one: DL4J's layer equals ignores
 * subclass fields, so it would not notice a field lost in JSON.
 */
@ExtendWith({DoublePrecision.class, SingleThreadedNd4j.class})
class LionLayerSerializationTest {

    private static final int LENGTH = 5; // cls + 2x2 grid

    /** Every option away from its default. */
    private static LionAttentionSpec unusualSpec() {
        return LionAttentionSpec.builder().heads(2).maskType(MaskType.SELECTIVE).form(Form.CHUNK).chunkSize(3)
                .patchOrder(PatchOrder.CURVE, 2).build();
    }

    @Test
    void attentionLayerJsonKeepsEveryField() throws Exception {
        ComputationGraph net = TestNets.around(new LionAttentionLayer.Builder().attention(unusualSpec()).decayInit(DecayInit.SPREAD).build(), LENGTH);
        LionAttentionLayer restored = (LionAttentionLayer) roundTrip(net.getConfiguration(), "lion");
        assertSequenceFields((LionSequenceLayer) layer(net.getConfiguration(), "lion"), restored);
        JsonNode json = new ObjectMapper().readTree(net.getConfiguration().toJson())
                .get("vertices").get("lion").get("layerConf").get("layer");
        assertEquals(TestNets.WIDTH, json.get("nIn").asLong());
        assertFalse(json.has("nin"), "nIn is written once, under its own name");
    }

    @Test
    void blockJsonKeepsEveryField() {
        ComputationGraph net = TestNets.around(new LionBlockLayer.Builder().attention(unusualSpec()).mlpRatio(3)
                .dropout(0.1).dropPath(0.2).decayInit(DecayInit.SPREAD).build(), LENGTH);
        LionBlockLayer original = (LionBlockLayer) layer(net.getConfiguration(), "lion");
        LionBlockLayer restored = (LionBlockLayer) roundTrip(net.getConfiguration(), "lion");
        assertSequenceFields(original, restored);
        assertEquals(3, restored.getMlpRatio());
        assertEquals(0.1, restored.getDropout());
        assertEquals(0.2, restored.getDropPath());
    }

    @Test
    void modelSerializerRestoresIdenticalOutputs(@TempDir Path dir) throws Exception {
        ComputationGraph net = TestNets.around(new LionBlockLayer.Builder().attention(unusualSpec()).mlpRatio(3)
                .dropPath(0.1).build(), LENGTH);
        TestNets.randomizeParams(net, "lion", 0.3, 11);
        INDArray x = TestNets.randomInput(LENGTH, 5);
        INDArray mask = TestNets.paddingMask(LENGTH, 3);
        INDArray before = TestNets.activation(net, "out", x, mask);

        File file = dir.resolve("net.zip").toFile();
        ModelSerializer.writeModel(net, file, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(file, true);

        assertInstanceOf(TokenLayerRuntime.class, restored.getLayer("lion"));
        assertEquals(net.params(), restored.params());
        assertEquals(before, TestNets.activation(restored, "out", x, mask));
    }

    private static void assertSequenceFields(LionSequenceLayer original, LionSequenceLayer restored) {
        assertNotSame(original, restored);
        assertEquals(TestNets.WIDTH, restored.getNIn());
        assertEquals(LENGTH, restored.getSequenceLength());
        assertEquals(DecayInit.SPREAD, restored.getDecayInit());
        LionAttentionSpec spec = restored.getAttention();
        assertEquals(2, spec.heads());
        assertEquals(MaskType.SELECTIVE, spec.maskType());
        assertEquals(Form.CHUNK, spec.form());
        assertEquals(3, spec.chunkSize());
        assertEquals(PatchOrder.CURVE, spec.patchOrder());
        assertEquals(2, spec.gridSide());
        assertEquals(original.getLayerName(), restored.getLayerName());
        assertEquals(original.parameters().entries().stream().map(ParameterTable.Entry::name).toList(),
                restored.parameters().entries().stream().map(ParameterTable.Entry::name).toList());
    }

    private static Layer roundTrip(ComputationGraphConfiguration conf, String name) {
        return layer(ComputationGraphConfiguration.fromJson(conf.toJson()), name);
    }

    private static Layer layer(ComputationGraphConfiguration conf, String name) {
        return ((LayerVertex) conf.getVertices().get(name)).getLayerConf().getLayer();
    }
}
