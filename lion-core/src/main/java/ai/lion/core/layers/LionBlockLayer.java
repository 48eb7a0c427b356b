package ai.lion.core.layers;

import java.util.Map;

import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * One pre-LN LION transformer block as a Deeplearning4j layer, {@code [B, C, T] -> [B, C, T]} (NCW):
 * <pre>
 *   x = x + DropPath(Attention(LayerNorm1(x)))
 *   x = x + DropPath(Linear(GELU(Linear(LayerNorm2(x), C -> r·C)), r·C -> C))
 * </pre>
 * with LayerNorm eps 1e-6, the exact (erf) GELU and MLP ratio r (default 4). The attention is
 * {@link LionAttentionLayer}'s (same parameters, same {@link LionAttentionSpec}); the block adds
 * {@code ln1Gain}, {@code ln1Bias}, {@code ln2Gain}, {@code ln2Bias} ({@code [1, C]}, init 1 and 0),
 * {@code fc1W [C, rC]}, {@code fc1B}, {@code fc2W [rC, C]}, {@code fc2B} (truncated normal 0.02, 0).
 *
 * <pre>{@code
 * new LionBlockLayer.Builder()
 *         .attention(LionAttentionSpec.builder().heads(3).maskType(MaskType.DECAY).build())
 *         .mlpRatio(4)
 *         .build();
 * }</pre>
 */
public class LionBlockLayer extends LionSequenceLayer {

    /** LayerNorm epsilon of both norms. */
    public static final double LAYER_NORM_EPS = 1e-6;

    static final String LN1_GAIN = "ln1Gain";
    static final String LN1_BIAS = "ln1Bias";
    static final String LN2_GAIN = "ln2Gain";
    static final String LN2_BIAS = "ln2Bias";
    static final String FC1_W = "fc1W";
    static final String FC1_B = "fc1B";
    static final String FC2_W = "fc2W";
    static final String FC2_B = "fc2B";

    @JsonProperty("mlpRatio")
    private int mlpRatio = 4;

    /** For JSON deserialisation. */
    public LionBlockLayer() {
    }

    private LionBlockLayer(Builder builder) {
        super(builder);
        if (builder.mlpRatio < 1) {
            throw new IllegalArgumentException("mlpRatio must be >= 1, got " + builder.mlpRatio);
        }
        this.mlpRatio = builder.mlpRatio;
    }

    /** Hidden width of the MLP as a multiple of C. */
    public int getMlpRatio() {
        return mlpRatio;
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        long width = getNIn();
        long hidden = mlpRatio * width;
        params.addBiasParam(LN1_GAIN, 1, width);
        params.addBiasParam(LN1_BIAS, 1, width);
        attentionGraph().defineParameters(params);
        params.addBiasParam(LN2_GAIN, 1, width);
        params.addBiasParam(LN2_BIAS, 1, width);
        params.addWeightParam(FC1_W, width, hidden);
        params.addBiasParam(FC1_B, 1, hidden);
        params.addWeightParam(FC2_W, hidden, width);
        params.addBiasParam(FC2_B, 1, width);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        params.get(LN1_GAIN).assign(1);
        params.get(LN1_BIAS).assign(0);
        attentionGraph().initializeParameters(params);
        params.get(LN2_GAIN).assign(1);
        params.get(LN2_BIAS).assign(0);
        ParamInit.truncatedNormal(params.get(FC1_W));
        params.get(FC1_B).assign(0);
        ParamInit.truncatedNormal(params.get(FC2_W));
        params.get(FC2_B).assign(0);
    }

    @Override
    SDVariable defineTokens(SameDiff sd, SequenceLayout layout, SDVariable tokens, SDVariable tokenMask,
                            Map<String, SDVariable> params) {
        SDVariable normed = GraphOps.layerNorm(tokens, params.get(LN1_GAIN), params.get(LN1_BIAS), LAYER_NORM_EPS);
        SDVariable x = tokens.add(attentionGraph().apply(sd, layout, normed, tokenMask, params));
        SDVariable normed2 = GraphOps.layerNorm(x, params.get(LN2_GAIN), params.get(LN2_BIAS), LAYER_NORM_EPS);
        SDVariable hidden = GraphOps.gelu(sd, GraphOps.linear(normed2, params.get(FC1_W), params.get(FC1_B)));
        return x.add(GraphOps.linear(hidden, params.get(FC2_W), params.get(FC2_B)));
    }

    /** Builder: the options of {@link LionSequenceLayer.Builder} plus {@link #mlpRatio(int)}. */
    public static class Builder extends LionSequenceLayer.Builder<Builder> {
        private int mlpRatio = 4;

        /** MLP hidden width as a multiple of C; default 4. */
        public Builder mlpRatio(int mlpRatio) {
            this.mlpRatio = mlpRatio;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public LionBlockLayer build() {
            return new LionBlockLayer(this);
        }
    }
}
