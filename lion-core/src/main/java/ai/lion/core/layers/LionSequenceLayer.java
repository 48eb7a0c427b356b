package ai.lion.core.layers;

import java.util.Arrays;
import java.util.Objects;

import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.InputTypeUtil;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Common configuration of the LION sequence layers: NCW recurrent input {@code [B, C, T]} with an
 * optional DL4J feature mask {@code [B, T]} (1 = real position), output of the same shape, and a
 * {@link LionAttentionSpec} describing the attention. Native DL4J layers: the forward and backward
 * passes are hand-written ND4J code (a {@link TokenLayer}); any sequence length works, up to what
 * memory allows (the CURVE order needs {@code 1 + gridSide²}).
 *
 * <p>Parameters, their roles and initialisation are listed in {@link ParameterTable} (weights: the
 * Linear matrices; biases, which regularisation skips by default: Linear biases, LayerNorm gains and
 * biases, decay logits). Dropout is an option of {@link LionBlockLayer}.
 */
public abstract class LionSequenceLayer extends TokenLayer {

    @JsonProperty("nIn")
    private long nIn;
    @JsonProperty("sequenceLength")
    private long sequenceLength = -1;
    @JsonProperty("attention")
    private LionAttentionSpec attention;
    @JsonProperty("decayInit")
    private DecayInit decayInit = DecayInit.AUTHORS;

    /** For JSON deserialisation. */
    LionSequenceLayer() {
    }

    LionSequenceLayer(Builder<?> builder) {
        super(builder);
        this.nIn = builder.nIn;
        this.sequenceLength = builder.sequenceLength;
        this.attention = Objects.requireNonNull(builder.attention, "attention");
        this.decayInit = Objects.requireNonNull(builder.decayInit, "decayInit");
        if (nIn > 0) {
            checkWidth(attention, nIn);
        }
    }

    /** @throws IllegalArgumentException unless {@code width} is a positive multiple of the head count */
    static void checkWidth(LionAttentionSpec spec, long width) {
        if (width < 1 || width % spec.heads() != 0) {
            throw new IllegalArgumentException("width (nIn) must be a positive multiple of heads=" + spec.heads()
                    + ", got " + width);
        }
    }

    /** The token width C (input and output channels). */
    @JsonProperty("nIn") // otherwise Jackson also writes the getter as "nin"
    public long getNIn() {
        return nIn;
    }

    /** The sequence length of the input type the layer was configured with, or -1 if unknown. */
    public long getSequenceLength() {
        return sequenceLength;
    }

    /** What the attention computes. */
    public LionAttentionSpec getAttention() {
        return attention;
    }

    /** How the decay parameters start (LION-D and LION-S); {@link DecayInit#SPREAD} spreads them over the sequence length. */
    public DecayInit getDecayInit() {
        return decayInit;
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
        checkWidth(attention, nIn);
        long curveLength = curveLength();
        if (curveLength > 0 && sequenceLength > 0 && sequenceLength != curveLength) {
            throw new IllegalArgumentException("layer " + getLayerName() + ": patch order CURVE with gridSide "
                    + attention.gridSide() + " needs sequence length " + curveLength + ", got " + sequenceLength);
        }
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return InputType.recurrent(nIn, recurrent(inputType).getTimeSeriesLength(), RNNFormat.NCW);
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return InputTypeUtil.getPreprocessorForInputTypeRnnLayers(inputType, RNNFormat.NCW, getLayerName());
    }

    /** @throws IllegalArgumentException naming the layer if {@code input} is not {@code [B, C, T]} as configured */
    @Override
    public void validateInput(INDArray input) {
        if (input.rank() != 3 || input.size(1) != nIn) {
            throw new IllegalArgumentException("layer " + getLayerName() + " expects input [batch, " + nIn
                    + ", time] (NCW), got " + Arrays.toString(input.shape()));
        }
        long curveLength = curveLength();
        if (curveLength > 0 && input.size(2) != curveLength) {
            throw new IllegalArgumentException("layer " + getLayerName() + ": patch order CURVE with gridSide "
                    + attention.gridSide() + " needs sequence length " + curveLength + ", got " + input.size(2));
        }
    }

    private long curveLength() {
        return attention.patchOrder() == PatchOrder.CURVE ? PatchCurves.sequenceLength(attention.gridSide()) : -1;
    }

    private InputType.InputTypeRecurrent recurrent(InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeRecurrent recurrent)) {
            throw new IllegalArgumentException("layer " + getLayerName() + " expects recurrent (NCW) input, got "
                    + inputType);
        }
        if (recurrent.getFormat() != RNNFormat.NCW) {
            throw new IllegalArgumentException("layer " + getLayerName() + " expects NCW recurrent input, got "
                    + recurrent.getFormat());
        }
        return recurrent;
    }

    /**
     * Builder options shared by the LION sequence layers, plus DL4J's per-layer updater and
     * regularisation options.
     */
    public abstract static class Builder<T extends Builder<T>> extends BaseLayer.Builder<T> {
        private long nIn;
        private long sequenceLength = -1;
        private LionAttentionSpec attention = LionAttentionSpec.builder().build();
        private DecayInit decayInit = DecayInit.AUTHORS;

        /** The token width C; optional, taken from the input type when the network is configured. */
        public T nIn(long nIn) {
            this.nIn = nIn;
            return self();
        }

        /** How the decay parameters start; default {@link DecayInit#AUTHORS}. */
        public T decayInit(DecayInit decayInit) {
            this.decayInit = decayInit;
            return self();
        }

        /**
         * The sequence length T; optional, taken from the input type when the network is configured (the CURVE
         * order checks it, {@link DecayInit#SPREAD} needs it).
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
