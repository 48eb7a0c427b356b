package ai.lion.core.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Double-precision gradient checks of a whole graph with DL4J's {@link GradientCheckUtil}: every
 * parameter array, at up to {@value #ENTRIES_PER_PARAM} entries each (run the test class with
 * {@link DoublePrecision}).
 */
public final class GradientChecks {

    /**
     * Finite-difference step and tolerances. A check fails where the relative error exceeds
     * {@code maxRelError} and the absolute error exceeds {@code minAbsError}.
     */
    public record Tolerance(double epsilon, double maxRelError, double minAbsError) {
    }

    /** For a single attention layer between built-in layers. */
    public static final Tolerance LAYER = new Tolerance(1e-6, 1e-6, 1e-9);
    /**
     * For the block: its score is a longer chain of operations, so the rounding noise of a central
     * difference with step 1e-6 reaches ~2e-9; step 1e-5 brings it below 1e-9.
     */
    public static final Tolerance BLOCK = new Tolerance(1e-5, 1e-5, 1e-9);
    /**
     * For whole models and the embedding and head layers: an absolute error below 1e-8 is the noise of
     * a difference quotient of a double-precision score with step 1e-6.
     */
    public static final Tolerance MODEL = new Tolerance(1e-6, 1e-5, 1e-8);
    /** Entries checked per parameter array (large arrays by a random subset). */
    static final int ENTRIES_PER_PARAM = 8;

    private GradientChecks() {
    }

    /**
     * Asserts every parameter gradient of {@code net} against central finite differences.
     *
     * @param inputMask feature mask of the single input, or null
     * @param labelMask label mask of the single output, or null
     * @param what      the case, named in the failure message
     */
    public static void assertExact(ComputationGraph net, INDArray input, INDArray labels, INDArray inputMask,
                                   INDArray labelMask, Tolerance tolerance, String what) {
        assertExact(net, input, labels, inputMask, labelMask, tolerance, what, -1);
    }

    /**
     * As {@link #assertExact(ComputationGraph, INDArray, INDArray, INDArray, INDArray, Tolerance, String)},
     * with ND4J's random generator reset to {@code noiseSeed} before every pass, so that training
     * noise (dropout, drop-path) is the same draw in each of them.
     */
    public static void assertExact(ComputationGraph net, INDArray input, INDArray labels, INDArray inputMask,
                                   INDArray labelMask, Tolerance tolerance, String what, long noiseSeed) {
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig()
                .callEachIter(noiseSeed < 0 ? null : graph -> Nd4j.getRandom().setSeed(noiseSeed))
                .net(net)
                .inputs(new INDArray[]{input})
                .labels(new INDArray[]{labels})
                .inputMask(inputMask == null ? null : new INDArray[]{inputMask})
                .labelMask(labelMask == null ? null : new INDArray[]{labelMask})
                .epsilon(tolerance.epsilon())
                .maxRelError(tolerance.maxRelError())
                .minAbsoluteError(tolerance.minAbsError())
                .subset(true)
                .maxPerParam(ENTRIES_PER_PARAM)
                .exitOnFirstError(false));
        assertTrue(ok, () -> "gradient check failed for " + what + ": "
                + FiniteDifferences.report(net, input, labels, inputMask, labelMask, tolerance));
    }
}
