package ai.lion.core.models.layers;

import java.util.Map;
import java.util.Objects;

import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import ai.lion.core.layers.Broadcasts;
import ai.lion.core.layers.ExactGradientSameDiffLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * LayerNorm over the channels of every position of an NCW sequence {@code [batch, width, time]}:
 * {@code y = (x - mean) / sqrt(var + 1e-6) · gain + bias}, mean and (biased) variance over the
 * channels. Parameters {@code gain} (starts at 1) and {@code bias} (starts at 0), both
 * {@code [1, width, 1]} and exempt from weight decay. Masks pass through unchanged.
 */
public final class SequenceLayerNorm extends ExactGradientSameDiffLayer {

    /** Added to the variance, as in the authors' blocks (lion-math §5). */
    public static final double EPS = 1e-6;
    /** Per-channel scale. */
    public static final String GAIN = "gain";
    /** Per-channel shift. */
    public static final String BIAS = "bias";

    @JsonProperty("width")
    private int width;

    /** For JSON deserialisation only. */
    private SequenceLayerNorm() {
    }

    /** @param width channels of the sequence */
    public SequenceLayerNorm(int width) {
        if (width <= 0) {
            throw new IllegalArgumentException("width must be positive, got " + width);
        }
        this.width = width;
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input, Map<String, SDVariable> params, SDVariable mask) {
        SDVariable centred = input.sub(input.mean(true, 1));
        SDVariable variance = centred.mul(centred).mean(true, 1);
        SDVariable normalised = Broadcasts.multiply(sd, centred, sd.math.rsqrt(variance.add(EPS)));
        return Broadcasts.multiply(sd, normalised, params.get(GAIN)).add(params.get(BIAS));
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.addBiasParam(GAIN, 1, width, 1);
        params.addBiasParam(BIAS, 1, width, 1);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        params.get(GAIN).assign(1);
        params.get(BIAS).assign(0);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        requireRecurrentOfWidth(inputType);
        return inputType;
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        requireRecurrentOfWidth(inputType);
    }

    private void requireRecurrentOfWidth(InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeRecurrent recurrent) || recurrent.getSize() != width) {
            throw new IllegalArgumentException("SequenceLayerNorm expects recurrent input of size " + width + ", got "
                    + inputType);
        }
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SequenceLayerNorm other && super.equals(o) && width == other.width;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), width);
    }
}
