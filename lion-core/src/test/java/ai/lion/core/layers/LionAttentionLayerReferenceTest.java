package ai.lion.core.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lion.core.testing.DoublePrecision;
import ai.lion.core.testing.SingleThreadedNd4j;
import java.util.stream.Stream;

import ai.lion.core.attention.Form;
import ai.lion.core.attention.MaskType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@link LionAttentionLayer}'s output against {@link ReferenceAttentionLayer}, a loop-by-loop implementation. */
@ExtendWith({DoublePrecision.class, SingleThreadedNd4j.class})
class LionAttentionLayerReferenceTest {

    static Stream<Arguments> variants() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (Form form : new Form[]{Form.ATTENTION, Form.CHUNK}) {
            for (MaskType mask : MaskType.values()) {
                cases.add(Arguments.of(mask, form, PatchOrder.NORMAL, 2, 3));
            }
            cases.add(Arguments.of(MaskType.DECAY, form, PatchOrder.CURVE, 2, 3));
            cases.add(Arguments.of(MaskType.SELECTIVE, form, PatchOrder.CURVE, 2, 3));
        }
        // head dimension 1, chunk size 1
        cases.add(Arguments.of(MaskType.SELECTIVE, Form.CHUNK, PatchOrder.NORMAL, TestNets.WIDTH, 1));
        return cases.build();
    }

    @ParameterizedTest(name = "{0} {1} {2} heads={3} chunk={4}")
    @MethodSource("variants")
    void matchesTheDefinition(MaskType maskType, Form form, PatchOrder order, int heads, int chunkSize) {
        int length = order == PatchOrder.CURVE ? 10 : 7;   // CURVE: cls + 3x3 grid
        LionAttentionSpec.Builder b = LionAttentionSpec.builder().heads(heads).maskType(maskType).form(form)
                .chunkSize(chunkSize);
        if (order == PatchOrder.CURVE) {
            b.patchOrder(PatchOrder.CURVE, 3);
        }
        LionAttentionSpec spec = b.build();
        ComputationGraph net = TestNets.direct(new LionAttentionLayer.Builder().attention(spec).build(), length);
        TestNets.randomizeParams(net, "lion", 0.5, 3);
        Nd4j.getRandom().setSeed(4);
        INDArray x = Nd4j.randn(DataType.DOUBLE, TestNets.BATCH, TestNets.WIDTH, length);
        INDArray mask = TestNets.paddingMask(length, length - 3);

        INDArray actual = TestNets.activation(net, "lion", x, mask);
        double[][][] expected = new ReferenceAttentionLayer(spec, net.getLayer("lion").paramTable(), TestNets.WIDTH).forward(x, mask);

        for (int bi = 0; bi < TestNets.BATCH; bi++) {
            for (int t = 0; t < length; t++) {
                for (int c = 0; c < TestNets.WIDTH; c++) {
                    double a = actual.getDouble(bi, c, t);
                    assertTrue(Double.isFinite(a), "non-finite output at b=" + bi + " t=" + t);
                    if (mask.getDouble(bi, t) > 0) {
                        double e = expected[bi][t][c];
                        assertEquals(e, a, 1e-10 * Math.max(1, Math.abs(e)), "b=" + bi + " c=" + c + " t=" + t);
                    }
                }
            }
        }
    }
}
