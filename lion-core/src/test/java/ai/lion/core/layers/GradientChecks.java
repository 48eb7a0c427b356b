package ai.lion.core.layers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Double-precision gradient checks of a whole graph with DL4J's {@link GradientCheckUtil}. */
final class GradientChecks {

    /**
     * Finite-difference step and tolerances. A check fails where the relative error exceeds
     * {@code maxRelError} and the absolute error exceeds {@code minAbsError}.
     */
    record Tolerance(double epsilon, double maxRelError, double minAbsError) {
    }

    /** For a single attention layer between built-in layers. */
    static final Tolerance LAYER = new Tolerance(1e-6, 1e-6, 1e-9);
    /**
     * For the block: its score is a longer chain of operations, so the rounding noise of a central
     * difference with step 1e-6 reaches ~2e-9; step 1e-5 brings it below 1e-9.
     */
    static final Tolerance BLOCK = new Tolerance(1e-5, 1e-5, 1e-9);
    /** Entries checked per parameter array (every array is checked; large ones by a random subset). */
    static final int ENTRIES_PER_PARAM = 8;

    private GradientChecks() {
    }

    /** Every parameter of {@code net} against central finite differences ({@code mask} may be null). */
    static void assertExact(ComputationGraph net, INDArray input, INDArray labels, INDArray mask, Tolerance tolerance,
                            String what) {
        INDArray[] masks = mask == null ? null : new INDArray[]{mask};
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig()
                .net(net)
                .inputs(new INDArray[]{input})
                .labels(new INDArray[]{labels})
                .inputMask(masks)
                .labelMask(masks)
                .epsilon(tolerance.epsilon())
                .maxRelError(tolerance.maxRelError())
                .minAbsoluteError(tolerance.minAbsError())
                .subset(true)
                .maxPerParam(ENTRIES_PER_PARAM)
                .exitOnFirstError(false));
        assertTrue(ok, () -> "gradient check failed for " + what + ": "
                + FiniteDifferences.report(net, input, labels, mask, tolerance));
    }
}
