package ai.lion.core.models.layers;

import static ai.lion.core.layers.TokenComputation.row;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import ai.lion.core.layers.ParameterTable;
import ai.lion.core.layers.ParameterTable.Entry;
import ai.lion.core.layers.ParameterTable.Init;
import ai.lion.core.layers.TokenComputation;
import ai.lion.core.layers.TokenLayer;
import ai.lion.core.nn.LayerNorm;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * LayerNorm over the channels of every position of an NCW sequence {@code [batch, width, time]}:
 * {@code y = (x - mean) / sqrt(var + eps) · gain + bias}, mean and (biased) variance over the
 * channels, eps {@link LayerNorm#EPS}. Parameters {@code gain} (starts at 1) and {@code bias} (starts
 * at 0), both {@code [1, width, 1]} and exempt from weight decay. Masks pass through unchanged.
 */
public final class SequenceLayerNorm extends TokenLayer {

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
    public ParameterTable parameters() {
        return ParameterTable.of(List.of(), List.of(new Entry(GAIN, new long[]{1, width, 1}, false, Init.ONES),
                new Entry(BIAS, new long[]{1, width, 1}, false, Init.ZEROS)));
    }

    @Override
    protected TokenComputation computation() {
        return new Computation();
    }

    /** {@link LayerNorm} of the token rows. */
    private record Computation() implements TokenComputation {

        private record Pass(LayerNorm.Pass norm) implements TokenComputation.Pass {
            @Override
            public INDArray output() {
                return norm.output();
            }
        }

        @Override
        public Pass forward(INDArray tokens, INDArray tokenMask, long batch, long length,
                            Map<String, INDArray> params, boolean training) {
            return new Pass(LayerNorm.forward(tokens, row(params.get(GAIN)), row(params.get(BIAS))));
        }

        @Override
        public INDArray backward(TokenComputation.Pass pass, INDArray dOut, Map<String, INDArray> params,
                                 Map<String, INDArray> grads) {
            return LayerNorm.backward(((Pass) pass).norm(), row(params.get(GAIN)), dOut, row(grads.get(GAIN)),
                    row(grads.get(BIAS)));
        }
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
    public void validateInput(INDArray input) {
        if (input.rank() != 3 || input.size(1) != width) {
            throw new IllegalArgumentException("SequenceLayerNorm expects input [batch, " + width + ", time], got "
                    + Arrays.toString(input.shape()));
        }
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
