package ai.lion.core.layers;

import java.util.Map;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * One pre-LN LION transformer block as a Deeplearning4j layer, {@code [B, C, T] -> [B, C, T]} (NCW):
 * <pre>
 *   x = x + DropPath(Dropout(Attention(LayerNorm1(x))))
 *   x = x + DropPath(Dropout(Linear(Dropout(GELU(Linear(LayerNorm2(x), C -> r·C))), r·C -> C)))
 * </pre>
 * with LayerNorm eps 1e-6, the exact (erf) GELU and MLP ratio r (default 4). Dropout (rate
 * {@code dropout}) and DropPath (stochastic depth: a whole residual branch dropped per sample with
 * probability {@code dropPath}, survivors scaled by {@code 1/(1-p)}) act in training only and are the
 * identity at inference; both default to 0. Their random masks are drawn once per training step and
 * reused by its backward pass (see {@link NoisyInputRuntime}). The attention is
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
    @JsonProperty("dropout")
    private double dropout;
    @JsonProperty("dropPath")
    private double dropPath;

    /** For JSON deserialisation. */
    public LionBlockLayer() {
    }

    private LionBlockLayer(Builder builder) {
        super(builder);
        if (builder.mlpRatio < 1) {
            throw new IllegalArgumentException("mlpRatio must be >= 1, got " + builder.mlpRatio);
        }
        this.mlpRatio = builder.mlpRatio;
        this.dropout = probability("dropout", builder.dropout);
        this.dropPath = probability("dropPath", builder.dropPath);
    }

    /** Hidden width of the MLP as a multiple of C. */
    public int getMlpRatio() {
        return mlpRatio;
    }

    /** Dropout rate on the attention output, the MLP hidden layer and the MLP output (training only). */
    public double getDropout() {
        return dropout;
    }

    /** Probability of dropping a residual branch per sample (stochastic depth; training only). */
    public double getDropPath() {
        return dropPath;
    }

    @Override
    ExactGradientSameDiffRuntime createRuntime(NeuralNetConfiguration conf, DataType networkDataType) {
        return dropout > 0 || dropPath > 0 ? new NoisyInputRuntime(conf, networkDataType, noise())
                : super.createRuntime(conf, networkDataType);
    }

    @Override
    long extraInputChannels() {
        return noise().channels();
    }

    private BlockNoise noise() {
        return new BlockNoise(getNIn(), (long) mlpRatio * getNIn(), dropout, dropPath);
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
                            SDVariable extraTokens, Map<String, SDVariable> params) {
        BlockNoise noise = noise();
        SDVariable normed = GraphOps.layerNorm(sd, tokens, params.get(LN1_GAIN), params.get(LN1_BIAS), LAYER_NORM_EPS);
        SDVariable attention = attentionGraph().apply(sd, layout, normed, tokenMask, params);
        attention = times(sd, times(sd, attention, noise.attentionDropout(extraTokens)), noise.branchKeep(extraTokens, 0));
        SDVariable x = tokens.add(attention);

        SDVariable normed2 = GraphOps.layerNorm(sd, x, params.get(LN2_GAIN), params.get(LN2_BIAS), LAYER_NORM_EPS);
        SDVariable hidden = GraphOps.gelu(sd, GraphOps.linear(normed2, params.get(FC1_W), params.get(FC1_B)));
        hidden = times(sd, hidden, noise.hiddenDropout(extraTokens));
        SDVariable mlp = GraphOps.linear(hidden, params.get(FC2_W), params.get(FC2_B));
        mlp = times(sd, times(sd, mlp, noise.outputDropout(extraTokens)), noise.branchKeep(extraTokens, 1));
        return x.add(mlp);
    }

    /** {@code x · multiplier}, or x when there is no multiplier. */
    private static SDVariable times(SameDiff sd, SDVariable x, SDVariable multiplier) {
        return multiplier == null ? x : Broadcasts.multiply(sd, x, multiplier);
    }

    private static double probability(String name, double p) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + p);
        }
        return p;
    }

    /**
     * Builder: the options of {@link LionSequenceLayer.Builder} plus {@link #mlpRatio(int)},
     * {@link #dropout(double)} and {@link #dropPath(double)}.
     */
    public static class Builder extends LionSequenceLayer.Builder<Builder> {
        private int mlpRatio = 4;
        private double dropout;
        private double dropPath;

        /** MLP hidden width as a multiple of C; default 4. */
        public Builder mlpRatio(int mlpRatio) {
            this.mlpRatio = mlpRatio;
            return this;
        }

        /** Dropout rate in [0, 1) on the attention output, MLP hidden layer and MLP output; default 0. */
        public Builder dropout(double dropout) {
            this.dropout = dropout;
            return this;
        }

        /** Drop-path (stochastic depth) rate in [0, 1) per residual branch and sample; default 0. */
        public Builder dropPath(double dropPath) {
            this.dropPath = dropPath;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public LionBlockLayer build() {
            return new LionBlockLayer(this);
        }
    }
}
