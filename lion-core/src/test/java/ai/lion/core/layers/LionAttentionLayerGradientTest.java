package ai.lion.core.layers;

import ai.lion.core.testing.DoublePrecision;
import ai.lion.core.testing.GradientChecks;
import ai.lion.core.testing.SingleThreadedNd4j;
import java.util.stream.Stream;

import ai.lion.core.attention.Form;
import ai.lion.core.attention.MaskType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Exact gradients of {@link LionAttentionLayer} (every parameter, and the epsilon passed down). */
@ExtendWith({DoublePrecision.class, SingleThreadedNd4j.class})
class LionAttentionLayerGradientTest {

    static Stream<Arguments> variants() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (MaskType mask : MaskType.values()) {
            for (Form form : new Form[]{Form.ATTENTION, Form.CHUNK}) {
                for (boolean padded : new boolean[]{false, true}) {
                    cases.add(Arguments.of(mask, form, PatchOrder.NORMAL, padded));
                }
            }
        }
        for (MaskType mask : new MaskType[]{MaskType.DECAY, MaskType.SELECTIVE}) {
            for (Form form : new Form[]{Form.ATTENTION, Form.CHUNK}) {
                cases.add(Arguments.of(mask, form, PatchOrder.CURVE, true));
            }
        }
        return cases.build();
    }

    @ParameterizedTest(name = "{0} {1} {2} padded={3}")
    @MethodSource("variants")
    void gradientsAreExact(MaskType mask, Form form, PatchOrder order, boolean padded) {
        int length = order == PatchOrder.CURVE ? 5 : 7;
        LionAttentionSpec.Builder spec = LionAttentionSpec.builder().heads(2).maskType(mask).form(form).chunkSize(3);
        if (order == PatchOrder.CURVE) {
            spec.patchOrder(PatchOrder.CURVE, 2);
        }
        ComputationGraph net = TestNets.around(new LionAttentionLayer.Builder().attention(spec.build()).build(), length);
        INDArray maskArray = padded ? TestNets.paddingMask(length, length - 2) : null;
        GradientChecks.assertExact(net, TestNets.randomInput(length, 7), TestNets.randomLabels(length, 7), maskArray,
                maskArray, GradientChecks.LAYER, mask + " " + form + " " + order + " padded=" + padded);
    }
}
