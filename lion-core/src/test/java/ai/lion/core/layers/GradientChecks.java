package ai.lion.core.layers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Double-precision gradient checks of a whole graph with DL4J's {@link GradientCheckUtil}. */
final class GradientChecks {

    static final double EPSILON = 1e-6;
    static final double MAX_REL_ERROR = 1e-6;
    static final double MIN_ABS_ERROR = 1e-9;
    /** Entries checked per parameter array (every array is checked; large ones by a random subset). */
    static final int ENTRIES_PER_PARAM = 8;

    private GradientChecks() {
    }

    /** Every parameter of {@code net} against central finite differences ({@code mask} may be null). */
    static void assertExact(ComputationGraph net, INDArray input, INDArray labels, INDArray mask, String what) {
        INDArray[] masks = mask == null ? null : new INDArray[]{mask};
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig()
                .net(net)
                .inputs(new INDArray[]{input})
                .labels(new INDArray[]{labels})
                .inputMask(masks)
                .labelMask(masks)
                .epsilon(EPSILON)
                .maxRelError(MAX_REL_ERROR)
                .minAbsoluteError(MIN_ABS_ERROR)
                .subset(true)
                .maxPerParam(ENTRIES_PER_PARAM)
                .exitOnFirstError(false));
        assertTrue(ok, () -> "gradient check failed for " + what + ": " + FiniteDifferences.report(net, input, labels, mask));
    }
}
