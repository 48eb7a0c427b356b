package ai.lion.spark.data;

import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The data side of a {@link BatchSpec}: which columns hold what, which token ids pad and mask, how rows
 * become minibatches and what happens to bad rows. Everything about the model (input kind, sequence
 * length, patch length, vocabulary, classes) comes from its {@code LionConfig} instead, in
 * {@link BatchSpec#of}. Immutable; build with {@link #builder()}.
 *
 * <pre>{@code
 * DataSettings data = DataSettings.builder().batchSize(32).badRowPolicy(BadRowPolicy.SKIP).build();
 * BatchSpec spec = BatchSpec.of(lionConfig, data);
 * }</pre>
 */
public final class DataSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Default share of tokens selected for prediction in MLM (BERT's value). */
    public static final double DEFAULT_MLM_PROBABILITY = 0.15;

    private final String sequenceColumn;
    private final String labelColumn;
    private final String idColumn;
    private final Integer maxLength;
    private final boolean truncate;
    private final int padId;
    private final Integer maskTokenId;
    private final double mlmProbability;
    private final int batchSize;
    private final BadRowPolicy badRowPolicy;
    private final LabelEncoding labelEncoding;

    private DataSettings(Builder b) {
        sequenceColumn = b.sequenceColumn;
        labelColumn = b.labelColumn;
        idColumn = b.idColumn;
        maxLength = b.maxLength;
        truncate = b.truncate;
        padId = b.padId;
        maskTokenId = b.maskTokenId;
        mlmProbability = b.mlmProbability;
        batchSize = b.batchSize;
        badRowPolicy = b.badRowPolicy;
        labelEncoding = b.labelEncoding;
    }

    /** Starts settings holding the defaults documented on the builder's setters. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.sequenceColumn = sequenceColumn;
        b.labelColumn = labelColumn;
        b.idColumn = idColumn;
        b.maxLength = maxLength;
        b.truncate = truncate;
        b.padId = padId;
        b.maskTokenId = maskTokenId;
        b.mlmProbability = mlmProbability;
        b.batchSize = batchSize;
        b.badRowPolicy = badRowPolicy;
        b.labelEncoding = labelEncoding;
        return b;
    }

    /** The sequence column, if set; otherwise the kind's default ({@code tokens} or {@code patches}). */
    public Optional<String> sequenceColumn() { return Optional.ofNullable(sequenceColumn); }

    /** Column holding the int class label (classifiers). */
    public String labelColumn() { return labelColumn; }

    /** Optional column naming each row in error messages (string, int or long); used if present. */
    public String idColumn() { return idColumn; }

    /** The longest sequence accepted, if set; otherwise the model's (see {@link Builder#maxLength}). */
    public OptionalInt maxLength() { return maxLength == null ? OptionalInt.empty() : OptionalInt.of(maxLength); }

    /** Whether longer sequences are cut to the maximum length instead of being rejected. */
    public boolean truncate() { return truncate; }

    /** Feature value written at padded time steps of token sequences. */
    public int padId() { return padId; }

    /** Id that replaces 80% of the tokens selected for MLM prediction, if set (MLM requires it). */
    public OptionalInt maskTokenId() { return maskTokenId == null ? OptionalInt.empty() : OptionalInt.of(maskTokenId); }

    /** Probability that a real token is selected for MLM prediction. */
    public double mlmProbability() { return mlmProbability; }

    /** Number of rows per minibatch (the last minibatch of a partition may be smaller). */
    public int batchSize() { return batchSize; }

    public BadRowPolicy badRowPolicy() { return badRowPolicy; }

    public LabelEncoding labelEncoding() { return labelEncoding; }

    @Override
    public String toString() {
        return "DataSettings{sequenceColumn=" + (sequenceColumn == null ? "<kind's default>" : sequenceColumn)
                + ", labelColumn=" + labelColumn + ", idColumn=" + idColumn
                + ", maxLength=" + (maxLength == null ? "<model's>" : maxLength) + ", truncate=" + truncate
                + ", padId=" + padId + ", maskTokenId=" + maskTokenId + ", mlmProbability=" + mlmProbability
                + ", batchSize=" + batchSize + ", badRowPolicy=" + badRowPolicy + ", labelEncoding=" + labelEncoding
                + '}';
    }

    /** Validating builder. */
    public static final class Builder {
        private String sequenceColumn;
        private String labelColumn = "label";
        private String idColumn = "id";
        private Integer maxLength;
        private boolean truncate;
        private int padId;
        private Integer maskTokenId;
        private double mlmProbability = DEFAULT_MLM_PROBABILITY;
        private Integer batchSize;
        private BadRowPolicy badRowPolicy = BadRowPolicy.FAIL;
        private LabelEncoding labelEncoding = LabelEncoding.ONE_HOT;

        private Builder() {
        }

        /** Defaults to {@code tokens} (token models) or {@code patches} (patch models). */
        public Builder sequenceColumn(String name) { sequenceColumn = name; return this; }

        /** Defaults to {@code label}. */
        public Builder labelColumn(String name) { labelColumn = name; return this; }

        /** Defaults to {@code id}; the column is optional in the data. */
        public Builder idColumn(String name) { idColumn = name; return this; }

        /**
         * Defaults to the model's sequence length (its {@code maxLength}, or its number of patches). A
         * longer limit is allowed only for a token model without positional embeddings, which reads
         * sequences of any length (for example to score long documents in the chunk form).
         */
        public Builder maxLength(int steps) { maxLength = steps; return this; }

        /** Defaults to false: sequences longer than the maximum length are bad rows. */
        public Builder truncate(boolean cut) { truncate = cut; return this; }

        /** Defaults to 0; must lie in [0, vocabulary size) of a token model. */
        public Builder padId(int id) { padId = id; return this; }

        /** Required for MLM; must lie in [0, vocabulary size). */
        public Builder maskTokenId(int id) { maskTokenId = id; return this; }

        /** Defaults to {@link #DEFAULT_MLM_PROBABILITY}; must lie in (0, 1]. */
        public Builder mlmProbability(double p) { mlmProbability = p; return this; }

        /** Required, at least 1. */
        public Builder batchSize(int rows) { batchSize = rows; return this; }

        /** Defaults to {@link BadRowPolicy#FAIL}. */
        public Builder badRowPolicy(BadRowPolicy policy) { badRowPolicy = policy; return this; }

        /** Defaults to {@link LabelEncoding#ONE_HOT}. */
        public Builder labelEncoding(LabelEncoding encoding) { labelEncoding = encoding; return this; }

        /** Checks every setting; those that depend on the model are checked by {@link BatchSpec#of}. */
        public DataSettings build() {
            if (sequenceColumn != null) {
                ColumnNames.require("sequenceColumn", sequenceColumn);
            }
            ColumnNames.require("labelColumn", labelColumn);
            ColumnNames.require("idColumn", idColumn);
            if (batchSize == null) {
                throw new IllegalArgumentException("batchSize is required");
            }
            requireAtLeast("batchSize", batchSize);
            if (maxLength != null) {
                requireAtLeast("maxLength", maxLength);
            }
            if (!(mlmProbability > 0 && mlmProbability <= 1)) {
                throw new IllegalArgumentException("mlmProbability must lie in (0, 1], got " + mlmProbability);
            }
            Objects.requireNonNull(badRowPolicy, "badRowPolicy");
            Objects.requireNonNull(labelEncoding, "labelEncoding");
            return new DataSettings(this);
        }

        private static void requireAtLeast(String name, int value) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be at least 1, got " + value);
            }
        }
    }
}
