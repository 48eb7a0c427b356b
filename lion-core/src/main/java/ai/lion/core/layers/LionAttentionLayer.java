package ai.lion.core.layers;

import java.util.Map;

import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

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
 * Parameters are listed in {@code LionAttentionGraph}. Gradients are exact (see
 * {@link ExactGradientSameDiffLayer}).
 */
public class LionAttentionLayer extends LionSequenceLayer {

    /** For JSON deserialisation. */
    public LionAttentionLayer() {
    }

    private LionAttentionLayer(Builder builder) {
        super(builder);
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        attentionGraph().defineParameters(params);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        attentionGraph().initializeParameters(params);
    }

    @Override
    SDVariable defineTokens(SameDiff sd, SequenceLayout layout, SDVariable tokens, SDVariable tokenMask,
                            SDVariable extraTokens, Map<String, SDVariable> params) {
        return attentionGraph().apply(sd, layout, tokens, tokenMask, params);
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
