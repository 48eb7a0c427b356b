package ai.lion.core.models;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Finite-difference checks of every parameter gradient of a double-precision graph (see {@link DoublePrecision}). */
public final class GradientChecks {

    /** Entries checked per parameter array. */
    static final int ENTRIES_PER_PARAMETER = 12;

    private GradientChecks() {
    }

    /**
     * Asserts that the analytic gradient of every parameter matches central differences (step 1e-6,
     * relative error at most 1e-5 unless the absolute error is below 1e-8, the noise level of a
     * difference quotient of a double-precision score with that step). Parameters with more than
     * {@value #ENTRIES_PER_PARAMETER} entries are checked at that many evenly spread entries.
     *
     * @param inputMask feature mask of the single input, or null
     * @param labelMask label mask of the single output, or null
     */
    public static void assertGradientsMatch(ComputationGraph net, INDArray input, INDArray labels,
                                            INDArray inputMask, INDArray labelMask) {
        assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(net)
                .inputs(new INDArray[]{input}).labels(new INDArray[]{labels})
                .inputMask(inputMask == null ? null : new INDArray[]{inputMask})
                .labelMask(labelMask == null ? null : new INDArray[]{labelMask})
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-8)
                .subset(true).maxPerParam(ENTRIES_PER_PARAMETER)),
                "gradient check failed (the log lists the parameters)");
    }
}
