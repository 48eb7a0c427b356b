package ai.lion.core.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lion.core.testing.DoublePrecision;
import ai.lion.core.testing.FiniteDifferences;

import ai.lion.core.testing.SingleThreadedNd4j;
import java.util.Map;
import java.util.stream.Stream;

import ai.lion.core.attention.Form;
import ai.lion.core.attention.MaskType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;

/** The ATTENTION and CHUNK training forms give the same outputs and the same gradients. */
@ExtendWith({DoublePrecision.class, SingleThreadedNd4j.class})
class TrainingFormEquivalenceTest {

    static Stream<Arguments> variants() {
        return Stream.of(
                Arguments.of(MaskType.LIT, PatchOrder.NORMAL, 4),
                Arguments.of(MaskType.DECAY, PatchOrder.NORMAL, 4),
                Arguments.of(MaskType.SELECTIVE, PatchOrder.NORMAL, 4),
                Arguments.of(MaskType.SELECTIVE, PatchOrder.NORMAL, 1),
                Arguments.of(MaskType.SELECTIVE, PatchOrder.NORMAL, 20),
                Arguments.of(MaskType.LIT, PatchOrder.NORMAL, 20),
                Arguments.of(MaskType.DECAY, PatchOrder.NORMAL, 20),
                Arguments.of(MaskType.DECAY, PatchOrder.CURVE, 3),
                Arguments.of(MaskType.SELECTIVE, PatchOrder.CURVE, 4));
    }

    @ParameterizedTest(name = "{0} {1} chunk={2}")
    @MethodSource("variants")
    void chunkFormEqualsAttentionForm(MaskType mask, PatchOrder order, int chunkSize) {
        int length = order == PatchOrder.CURVE ? 10 : 11;
        ComputationGraph attention = net(mask, order, Form.ATTENTION, chunkSize, length);
        ComputationGraph chunk = net(mask, order, Form.CHUNK, chunkSize, length);
        assertEquals(attention.params(), chunk.params(), "same seed, same parameters");

        INDArray x = TestNets.randomInput(length, 21);
        INDArray padding = TestNets.paddingMask(length, length - 4);
        INDArray a = TestNets.activation(attention, "lion", x, padding);
        INDArray c = TestNets.activation(chunk, "lion", x, padding);
        assertTrue(a.equalsWithEps(c, 1e-12), () -> "outputs differ by " + a.sub(c).amaxNumber());

        MultiDataSet data = FiniteDifferences.data(x, TestNets.randomLabels(length, 21), padding);
        Map<String, INDArray> ga = FiniteDifferences.analyticGradients(attention, data);
        Map<String, INDArray> gc = FiniteDifferences.analyticGradients(chunk, data);
        assertEquals(ga.keySet(), gc.keySet());
        for (String key : ga.keySet()) {
            INDArray diff = ga.get(key).sub(gc.get(key));
            double scale = Math.max(1e-3, ga.get(key).amaxNumber().doubleValue());
            assertTrue(diff.amaxNumber().doubleValue() <= 1e-10 * scale, () -> key + " gradients differ by " + diff.amaxNumber());
        }
    }

    private static ComputationGraph net(MaskType mask, PatchOrder order, Form form, int chunkSize, int length) {
        LionAttentionSpec.Builder spec = LionAttentionSpec.builder().heads(2).maskType(mask).form(form).chunkSize(chunkSize);
        if (order == PatchOrder.CURVE) {
            spec.patchOrder(PatchOrder.CURVE, 3);
        }
        ComputationGraph net = TestNets.around(new LionAttentionLayer.Builder().attention(spec.build()).build(), length);
        TestNets.randomizeParams(net, "lion", 0.5, 8);
        return net;
    }
}
