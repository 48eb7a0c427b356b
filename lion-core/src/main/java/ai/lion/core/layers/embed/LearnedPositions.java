package ai.lion.core.layers.embed;

import java.util.Map;
import java.util.Objects;

import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import ai.lion.core.layers.ExactGradientSameDiffLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Adds a learned absolute position embedding to an NCW sequence: {@code y[b, c, t] = x[b, c, t] + pos[c, t]}.
 *
 * <p>Input and output {@code [batch, width, time]} with {@code time <= maxLength}; the first
 * {@code time} positions of the table are used. Parameter {@code pos} {@code [1, width, maxLength]},
 * initialised from a truncated normal(0, 0.02) and exempt from weight decay. Feature masks pass
 * through unchanged.
 */
public final class LearnedPositions extends ExactGradientSameDiffLayer {

    /** The position table, {@code [1, width, maxLength]}. */
    public static final String POSITIONS = "pos";

    @JsonProperty("width")
    private int width;
    @JsonProperty("maxLength")
    private int maxLength;

    /** For JSON deserialisation only. */
    private LearnedPositions() {
    }

    /**
     * @param width     channels of the sequence
     * @param maxLength longest sequence the table covers
     */
    public LearnedPositions(int width, int maxLength) {
        this.width = EmbedChecks.positive("width", width);
        this.maxLength = EmbedChecks.positive("maxLength", maxLength);
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input, Map<String, SDVariable> params, SDVariable mask) {
        SDVariable length = sd.sizeAt(input, 2).castTo(DataType.INT).reshape(1);
        SDVariable size = sd.concat(0, sd.constant(Nd4j.createFromArray(1, width)), length);
        SDVariable used = sd.slice(params.get(POSITIONS), sd.constant(Nd4j.createFromArray(0, 0, 0)), size);
        return input.add(used);
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.addBiasParam(POSITIONS, 1, width, maxLength);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        TruncatedNormal.fill(params.get(POSITIONS));
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        EmbedChecks.recurrent(this, inputType, width, maxLength);
        return inputType;
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        EmbedChecks.recurrent(this, inputType, width, maxLength);
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    @Override
    public void validateInput(INDArray input) {
        EmbedChecks.shape(this, input, width, maxLength);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LearnedPositions other && super.equals(o)
                && width == other.width && maxLength == other.maxLength;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), width, maxLength);
    }
}
