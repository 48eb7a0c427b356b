package ai.lion.core.attention;

import java.util.Objects;

/**
 * Immutable settings of the LION operator that do not depend on the input: whether the output is
 * normalised, the epsilon added to the denominator, and the chunk size of the CHUNK form.
 *
 * <pre>{@code
 * LionOptions options = LionOptions.builder().normalize(true).eps(1e-6).chunkSize(64).build();
 * }</pre>
 */
public final class LionOptions {

    /** Default epsilon added to the denominator of the normalised output. */
    public static final double DEFAULT_EPS = 1e-6;
    /**
     * Default chunk size of the CHUNK form, in training ({@code LionConfig}, {@code LionAttentionSpec}) and
     * in inference ({@code EncoderOptions}, the scorer); the jobs' {@code model.chunk-size} and
     * {@code score.chunk-size} state the same value.
     */
    public static final int DEFAULT_CHUNK_SIZE = 64;

    private static final LionOptions DEFAULTS = builder().build();

    private final boolean normalize;
    private final double eps;
    private final int chunkSize;

    private LionOptions(Builder builder) {
        this.normalize = builder.normalize;
        this.eps = builder.eps;
        this.chunkSize = builder.chunkSize;
    }

    /** Normalised output, {@value #DEFAULT_EPS} epsilon, chunk size {@value #DEFAULT_CHUNK_SIZE}. */
    public static LionOptions defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder().normalize(normalize).eps(eps).chunkSize(chunkSize);
    }

    /** {@code true}: {@code y = num / (den + eps)}; {@code false}: {@code y = num} (eps unused). */
    public boolean normalize() {
        return normalize;
    }

    /** Added to the denominator when normalising; finite and {@code >= 0}. */
    public double eps() {
        return eps;
    }

    /** Number of positions per chunk in the CHUNK form; {@code >= 1}, may exceed the length. */
    public int chunkSize() {
        return chunkSize;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LionOptions that
                && normalize == that.normalize
                && Double.compare(eps, that.eps) == 0
                && chunkSize == that.chunkSize;
    }

    @Override
    public int hashCode() {
        return Objects.hash(normalize, eps, chunkSize);
    }

    @Override
    public String toString() {
        return "LionOptions{normalize=" + normalize + ", eps=" + eps + ", chunkSize=" + chunkSize + "}";
    }

    /** Builder of {@link LionOptions}; every setter validates its argument. */
    public static final class Builder {
        private boolean normalize = true;
        private double eps = DEFAULT_EPS;
        private int chunkSize = DEFAULT_CHUNK_SIZE;

        private Builder() {
        }

        /** Whether the output is divided by the attention row sums (default {@code true}). */
        public Builder normalize(boolean normalize) {
            this.normalize = normalize;
            return this;
        }

        /** Epsilon added to the denominator (default {@value LionOptions#DEFAULT_EPS}). */
        public Builder eps(double eps) {
            if (!(eps >= 0) || Double.isInfinite(eps)) {
                throw new IllegalArgumentException("eps must be finite and >= 0, got " + eps);
            }
            this.eps = eps;
            return this;
        }

        /** Chunk size of the CHUNK form (default {@value LionOptions#DEFAULT_CHUNK_SIZE}). */
        public Builder chunkSize(int chunkSize) {
            if (chunkSize < 1) {
                throw new IllegalArgumentException("chunkSize must be >= 1, got " + chunkSize);
            }
            this.chunkSize = chunkSize;
            return this;
        }

        public LionOptions build() {
            return new LionOptions(this);
        }
    }
}
