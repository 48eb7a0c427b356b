package ai.lion.core.layers;

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
 * reused by its backward pass. The attention is
 * {@link LionAttentionLayer}'s (same parameters, same {@link LionAttentionSpec}); the block adds
 * the LayerNorm and MLP parameters of {@link ParameterTable#block}.
 *
 * <pre>{@code
 * new LionBlockLayer.Builder()
 *         .attention(LionAttentionSpec.builder().heads(3).maskType(MaskType.DECAY).build())
 *         .mlpRatio(4)
 *         .build();
 * }</pre>
 */
public class LionBlockLayer extends LionSequenceLayer {


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
    public ParameterTable parameters() {
        return ParameterTable.block(getAttention(), getNIn(), mlpRatio * getNIn(), getDecayInit(), getSequenceLength());
    }

    @Override
    protected TokenComputation computation() {
        return new BlockComputation(getAttention(), getNIn(), dropout, dropPath);
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
