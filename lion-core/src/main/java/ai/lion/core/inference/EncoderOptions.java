package ai.lion.core.inference;

import ai.lion.core.attention.Form;
import ai.lion.core.attention.LionOptions;
import java.util.Objects;

/**
 * Immutable settings of a {@link LongSequenceEncoder}: the form of the LION operator (CHUNK or RNN),
 * the chunk size of the CHUNK form, and how many positions the position-wise work (projections,
 * MLP, norms) handles at once, which bounds its temporaries.
 *
 * <pre>{@code
 * EncoderOptions options = EncoderOptions.builder(Form.CHUNK).chunkSize(128).build();
 * }</pre>
 */
public final class EncoderOptions {

    /** Default number of positions per row block. */
    public static final int DEFAULT_ROW_BLOCK = 2048;

    private final Form form;
    private final int chunkSize;
    private final int rowBlock;

    private EncoderOptions(Builder builder) {
        this.form = builder.form;
        this.chunkSize = builder.chunkSize;
        this.rowBlock = builder.rowBlock;
    }

    /**
     * A builder for {@code form}: {@link Form#CHUNK} or {@link Form#RNN}.
     *
     * @throws IllegalArgumentException for {@link Form#ATTENTION}, whose L×L matrix is what the encoder avoids
     */
    public static Builder builder(Form form) {
        return new Builder(form);
    }

    /** The defaults for {@code form} (chunk size {@value LionOptions#DEFAULT_CHUNK_SIZE}, row block {@value #DEFAULT_ROW_BLOCK}). */
    public static EncoderOptions of(Form form) {
        return builder(form).build();
    }

    public Form form() {
        return form;
    }

    /** Positions per chunk of the CHUNK form. */
    public int chunkSize() {
        return chunkSize;
    }

    /** Positions per block of the position-wise work. */
    public int rowBlock() {
        return rowBlock;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EncoderOptions that && form == that.form && chunkSize == that.chunkSize
                && rowBlock == that.rowBlock;
    }

    @Override
    public int hashCode() {
        return Objects.hash(form, chunkSize, rowBlock);
    }

    @Override
    public String toString() {
        return "EncoderOptions{form=" + form + ", chunkSize=" + chunkSize + ", rowBlock=" + rowBlock + "}";
    }

    /** Builder of {@link EncoderOptions}; every setter validates its argument. */
    public static final class Builder {
        private final Form form;
        private int chunkSize = LionOptions.DEFAULT_CHUNK_SIZE;
        private int rowBlock = DEFAULT_ROW_BLOCK;

        private Builder(Form form) {
            Objects.requireNonNull(form, "form");
            if (form == Form.ATTENTION) {
                throw new IllegalArgumentException("form must be CHUNK or RNN: the ATTENTION form builds an L×L matrix per"
                        + " head, which the long-sequence encoder exists to avoid (run the graph itself for it)");
            }
            this.form = form;
        }

        /** Chunk size of the CHUNK form, >= 1 (default {@value LionOptions#DEFAULT_CHUNK_SIZE}). */
        public Builder chunkSize(int chunkSize) {
            if (chunkSize < 1) {
                throw new IllegalArgumentException("chunkSize must be >= 1, got " + chunkSize);
            }
            this.chunkSize = chunkSize;
            return this;
        }

        /** Positions per block of the position-wise work, >= 1 (default {@value EncoderOptions#DEFAULT_ROW_BLOCK}). */
        public Builder rowBlock(int rowBlock) {
            if (rowBlock < 1) {
                throw new IllegalArgumentException("rowBlock must be >= 1, got " + rowBlock);
            }
            this.rowBlock = rowBlock;
            return this;
        }

        public EncoderOptions build() {
            return new EncoderOptions(this);
        }
    }
}
