package ai.lion.core.models.layers;

import java.util.Map;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import ai.lion.core.layers.ExactGradientSameDiffLayer;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Pools an NCW sequence {@code [batch, width, time]} to its position 0, {@code [batch, width]}:
 * the cls token of a patch model, the first token of a token model. No parameters; the output
 * carries no mask.
 */
public final class ClsPooling extends ExactGradientSameDiffLayer {

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input, Map<String, SDVariable> params, SDVariable mask) {
        return input.get(SDIndex.all(), SDIndex.all(), SDIndex.point(0));
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        // no parameters
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        // no parameters
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeRecurrent recurrent)) {
            throw new IllegalArgumentException("ClsPooling expects recurrent input, got " + inputType);
        }
        return InputType.feedForward(recurrent.getSize());
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        // the width follows from the input
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray mask, MaskState state, int minibatch) {
        return new Pair<>(null, MaskState.Active);
    }
}
