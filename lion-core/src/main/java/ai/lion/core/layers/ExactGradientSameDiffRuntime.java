package ai.lion.core.layers;

import java.util.List;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.samediff.SameDiffLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runtime of an {@link ExactGradientSameDiffLayer}: Deeplearning4j's SameDiff layer runtime with the
 * doubled output gradient undone.
 *
 * <p>On the first backward pass it builds the layer's gradient graph (as Deeplearning4j would) and
 * looks at how the output gradient enters it. If it enters as {@code add(g, g)} of the external-errors
 * placeholder {@code g} (the M2.x defect), every later call scales the incoming epsilon by ½ before
 * delegating; otherwise by 1, i.e. not at all.
 */
class ExactGradientSameDiffRuntime extends SameDiffLayer {

    /** Name Deeplearning4j gives the gradient function of a layer's SameDiff instance. */
    private static final String GRADIENT_FUNCTION = "grad";

    private double epsilonScale = Double.NaN;

    ExactGradientSameDiffRuntime(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        double scale = outputGradientScale();
        return super.backpropGradient(scale == 1.0 ? epsilon : epsilon.mul(scale), workspaceMgr);
    }

    /**
     * The factor applied to the incoming epsilon: ½ where the gradient graph doubles the output
     * gradient, else 1. Builds the gradient graph on first use (needs the layer input to be set).
     */
    double outputGradientScale() {
        if (Double.isNaN(epsilonScale)) {
            assertInputSet(true);
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                if (sameDiff == null) {
                    doInit();
                }
                if (!sameDiff.hasGradientFunction()) {
                    sameDiff.createGradFunction(INPUT_KEY);
                }
            }
            epsilonScale = doublesOutputGradient(sameDiff.getFunction(GRADIENT_FUNCTION),
                    fn.getGradPlaceholderName()) ? 0.5 : 1.0;
        }
        return epsilonScale;
    }

    /** Whether {@code gradientGraph} adds the output-gradient placeholder to itself. */
    static boolean doublesOutputGradient(SameDiff gradientGraph, String placeholder) {
        for (SameDiffOp op : gradientGraph.getOps().values()) {
            List<String> inputs = op.getInputsToOp();
            if (op.getOp() instanceof AddOp && inputs != null && inputs.size() == 2
                    && placeholder.equals(inputs.get(0)) && placeholder.equals(inputs.get(1))) {
                return true;
            }
        }
        return false;
    }
}
