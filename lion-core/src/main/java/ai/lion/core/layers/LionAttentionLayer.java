package ai.lion.core.layers;



/**
 * Multi-head LION attention as a Deeplearning4j layer: {@code [B, C, T] -> [B, C, T]} (NCW), with
 * DL4J feature masks for padding.
 *
 * <pre>{@code
 * graph.addLayer("attn", new LionAttentionLayer.Builder()
 *         .attention(LionAttentionSpec.builder().heads(4).maskType(MaskType.SELECTIVE).build())
 *         .build(), "embed");
 * }</pre>
 *
 * <p>Computes qkv = Linear(C, 3C), feature maps, the LION mask of the chosen {@link LionAttentionSpec}
 * (per-head decay or selective gate, optionally along two patch curves), normalised attention
 * {@code y = num / (den + 1e-6)} with {@code q·k} scaled by {@code d^-1/2}, and the output projection
 * Linear(C, C). Padded positions act as k = 0 and log a = 0, so they neither contribute to nor break
 * the decay between real positions; their outputs are finite and meant to be masked downstream.
 * Parameters: {@link ParameterTable#attention}. With a spec of kind {@link AttentionKind#SOFTMAX} the
 * layer computes softmax attention instead ({@code SoftmaxMixer}: same projections, no decay).
 */
public class LionAttentionLayer extends LionSequenceLayer {

    /** For JSON deserialisation. */
    public LionAttentionLayer() {
    }

    private LionAttentionLayer(Builder builder) {
        super(builder);
    }

    @Override
    public ParameterTable parameters() {
        return ParameterTable.attention(getAttention(), getNIn(), getDecayInit(), getSequenceLength());
    }

    @Override
    protected TokenComputation computation() {
        return getAttention().mixer(getNIn());
    }

    /** Builder: {@code attention(spec)}, optional {@code nIn}, {@code sequenceLength}, DL4J updater/regularisation. */
    public static class Builder extends LionSequenceLayer.Builder<Builder> {

        @Override
        @SuppressWarnings("unchecked")
        public LionAttentionLayer build() {
            return new LionAttentionLayer(this);
        }
    }
}
