package ai.lion.core.layers;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.InputTypeUtil;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Common configuration of the LION sequence layers: NCW recurrent input {@code [B, C, T]} with an
 * optional DL4J feature mask {@code [B, T]} (1 = real position), output of the same shape, and a
 * {@link LionAttentionSpec} describing the attention.
 *
 * <p>C ({@code nIn}) and the sequence length are taken from the input type when the network is
 * configured ({@code setInputTypes}); the sequence length is needed only by the CHUNK form (and
 * implied by the CURVE order).
 */
public abstract class LionSequenceLayer extends ExactGradientSameDiffLayer {

    @JsonProperty("nIn")
    private long nIn;
    @JsonProperty("sequenceLength")
    private long sequenceLength = -1;
    @JsonProperty("attention")
    private LionAttentionSpec attention;

    /** For JSON deserialisation. */
    LionSequenceLayer() {
    }

    LionSequenceLayer(Builder<?> builder) {
        super(builder);
        this.nIn = builder.nIn;
        this.sequenceLength = builder.sequenceLength;
        this.attention = Objects.requireNonNull(builder.attention, "attention");
        if (nIn > 0) {
            LionAttentionGraph.checkWidth(attention, nIn);
        }
    }

    /** The token width C (input and output channels). */
    @JsonProperty("nIn") // otherwise Jackson also writes the getter as "nin"
    public long getNIn() {
        return nIn;
    }

    /** The sequence length the layer was configured for, or -1 if unknown. */
    public long getSequenceLength() {
        return sequenceLength;
    }

    /** What the attention computes. */
    public LionAttentionSpec getAttention() {
        return attention;
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        InputType.InputTypeRecurrent recurrent = recurrent(inputType);
        if (override || nIn <= 0) {
            nIn = recurrent.getSize();
        }
        if (recurrent.getTimeSeriesLength() > 0 && (override || sequenceLength <= 0)) {
            sequenceLength = recurrent.getTimeSeriesLength();
        }
        LionAttentionGraph.checkWidth(attention, nIn);
        long curveLength = curveLength();
        if (curveLength > 0 && sequenceLength > 0 && sequenceLength != curveLength) {
            throw new IllegalArgumentException("layer " + getLayerName() + ": patch order CURVE with gridSide "
                    + attention.gridSide() + " needs sequence length " + curveLength + ", got " + sequenceLength);
        }
        if (fixedLength() < 1 && attention.needsFixedLength()) {
            throw new IllegalArgumentException("layer " + getLayerName() + ": the " + attention.form()
                    + " form needs the sequence length; the input type " + inputType + " does not give it: use "
                    + "InputType.recurrent(nIn, timeSeriesLength) or set sequenceLength on the layer builder");
        }
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        InputType.InputTypeRecurrent recurrent = recurrent(inputType);
        return InputType.recurrent(nIn, recurrent.getTimeSeriesLength(), RNNFormat.NCW);
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return InputTypeUtil.getPreprocessorForInputTypeRnnLayers(inputType, RNNFormat.NCW, getLayerName());
    }

    @Override
    public void validateInput(INDArray input) {
        long channels = nIn + extraInputChannels();
        if (input.rank() != 3 || input.size(1) != channels) {
            throw new IllegalArgumentException("layer " + getLayerName() + " expects input [batch, " + channels
                    + ", time] (NCW), got " + Arrays.toString(input.shape()));
        }
        long fixed = fixedLength();
        if (fixed > 0 && input.size(2) != fixed) {
            throw new IllegalArgumentException("layer " + getLayerName() + " (" + attention.form() + ", "
                    + attention.patchOrder() + ") was built for sequence length " + fixed + ", got "
                    + input.size(2));
        }
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input, Map<String, SDVariable> params, SDVariable mask) {
        SequenceLayout layout = SequenceLayout.of(sd, input, nIn, fixedLength());
        long extra = extraInputChannels();
        SDVariable tokens = layout.tokens(extra == 0 ? input : channels(input, 0, nIn), nIn);
        SDVariable extraTokens = extra == 0 ? null : layout.tokens(channels(input, nIn, nIn + extra), extra);
        SDVariable tokenMask = mask == null ? null : layout.tokenColumn(mask);
        return layout.ncw(defineTokens(sd, layout, tokens, tokenMask, extraTokens, params));
    }

    /**
     * The layer's computation on the token matrix.
     *
     * @param tokens      {@code [B·T, C]}
     * @param tokenMask   {@code [B·T, 1]}, 1 = real position; null when every position is real
     * @param extraTokens the {@link #extraInputChannels()} noise channels as {@code [B·T, k]}, or null
     * @return {@code [B·T, C]}
     */
    abstract SDVariable defineTokens(SameDiff sd, SequenceLayout layout, SDVariable tokens, SDVariable tokenMask,
                                     SDVariable extraTokens, Map<String, SDVariable> params);

    /**
     * Channels the runtime appends to the input after the C real ones (see {@link NoisyInputRuntime});
     * 0 unless overridden.
     */
    long extraInputChannels() {
        return 0;
    }

    private static SDVariable channels(SDVariable ncw, long from, long to) {
        return ncw.get(SDIndex.all(), SDIndex.interval(from, to), SDIndex.all());
    }

    /** The attention graph for this layer's width and (when needed) sequence length. */
    LionAttentionGraph attentionGraph() {
        return new LionAttentionGraph(attention, nIn, fixedLength());
    }

    /** T if the graph depends on it (CHUNK form, CURVE order), else -1. */
    private long fixedLength() {
        long curveLength = curveLength();
        if (curveLength > 0) {
            return curveLength;
        }
        return attention.needsFixedLength() ? sequenceLength : -1;
    }

    private long curveLength() {
        return attention.patchOrder() == PatchOrder.CURVE ? PatchCurves.sequenceLength(attention.gridSide()) : -1;
    }

    private InputType.InputTypeRecurrent recurrent(InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeRecurrent)) {
            throw new IllegalArgumentException("layer " + getLayerName() + " expects recurrent (NCW) input, got "
                    + inputType);
        }
        InputType.InputTypeRecurrent recurrent = (InputType.InputTypeRecurrent) inputType;
        if (recurrent.getFormat() != RNNFormat.NCW) {
            throw new IllegalArgumentException("layer " + getLayerName() + " expects NCW recurrent input, got "
                    + recurrent.getFormat());
        }
        return recurrent;
    }

    /**
     * Builder options shared by the LION sequence layers, plus DL4J's per-layer updater and
     * regularisation options (weights: the Linear matrices; biases, which regularisation skips by
     * default: Linear biases, LayerNorm gains and biases, decay logits). DL4J's {@code weightInit} and
     * {@code dropOut} do not apply: parameters are initialised as documented on each layer, and
     * dropout is an option of {@link LionBlockLayer}.
     */
    public abstract static class Builder<T extends Builder<T>> extends SameDiffLayer.Builder<T> {
        private long nIn;
        private long sequenceLength = -1;
        private LionAttentionSpec attention = LionAttentionSpec.builder().build();

        /** The token width C; optional, taken from the input type when the network is configured. */
        public T nIn(long nIn) {
            this.nIn = nIn;
            return self();
        }

        /**
         * The sequence length T; optional, taken from the input type ({@code InputType.recurrent(C, T)}).
         * Needed by the CHUNK form.
         */
        public T sequenceLength(long sequenceLength) {
            this.sequenceLength = sequenceLength;
            return self();
        }

        /**
         * The attention (heads, mask type, form, chunk size, patch order); default
         * {@code LionAttentionSpec.builder().build()}.
         */
        public T attention(LionAttentionSpec attention) {
            this.attention = Objects.requireNonNull(attention, "attention");
            return self();
        }

        @SuppressWarnings("unchecked")
        private T self() {
            return (T) this;
        }
    }
}
