package ai.lion.spark.data;

import java.io.Serializable;
import java.util.Objects;

/**
 * Immutable description of the rows a DataFrame holds and of the minibatches built from them.
 *
 * <p>Build one with {@link #builder(InputKind)}; {@link Builder#build()} checks every value and that
 * each setting the kind needs is present. Settings a kind does not use are ignored and read as 0:
 * {@code patchDim} (used by PATCHES), {@code numClasses} (TOKENS, PATCHES), {@code vocabularySize}
 * and {@code padId} (TOKENS, MLM), {@code maskTokenId} and {@code mlmProbability} (MLM).
 *
 * <pre>{@code
 * BatchSpec spec = BatchSpec.builder(InputKind.TOKENS)
 *         .vocabularySize(30_000).numClasses(2).maxLength(512).batchSize(32)
 *         .badRowPolicy(BadRowPolicy.SKIP).build();
 * }</pre>
 */
public final class BatchSpec implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Largest vocabulary whose ids a float feature array holds exactly (2^24). */
    public static final int MAX_VOCABULARY_SIZE = 1 << 24;
    /** Default share of tokens selected for prediction in MLM (BERT's value). */
    public static final double DEFAULT_MLM_PROBABILITY = 0.15;

    private final InputKind kind;
    private final String sequenceColumn;
    private final String labelColumn;
    private final String idColumn;
    private final int maxLength;
    private final boolean truncate;
    private final int patchDim;
    private final int numClasses;
    private final int vocabularySize;
    private final int padId;
    private final int maskTokenId;
    private final double mlmProbability;
    private final int batchSize;
    private final BadRowPolicy badRowPolicy;
    private final LabelEncoding labelEncoding;

    private BatchSpec(Builder b) {
        kind = b.kind;
        sequenceColumn = b.sequenceColumn != null ? b.sequenceColumn : defaultSequenceColumn(b.kind);
        labelColumn = b.labelColumn;
        idColumn = b.idColumn;
        maxLength = b.maxLength;
        truncate = b.truncate;
        patchDim = kind == InputKind.PATCHES ? b.patchDim : 0;
        numClasses = kind.hasClassLabel() ? b.numClasses : 0;
        vocabularySize = kind.hasTokens() ? b.vocabularySize : 0;
        padId = kind.hasTokens() ? b.padId : 0;
        maskTokenId = kind == InputKind.MLM ? b.maskTokenId : 0;
        mlmProbability = kind == InputKind.MLM ? b.mlmProbability : 0;
        batchSize = b.batchSize;
        badRowPolicy = b.badRowPolicy;
        labelEncoding = b.labelEncoding;
    }

    /** Starts a specification for rows of the given kind. */
    public static Builder builder(InputKind kind) {
        return new Builder(Objects.requireNonNull(kind, "kind"));
    }

    /** A builder holding this specification's values, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder(kind);
        b.sequenceColumn = sequenceColumn;
        b.labelColumn = labelColumn;
        b.idColumn = idColumn;
        b.maxLength = maxLength;
        b.truncate = truncate;
        b.patchDim = patchDim;
        b.numClasses = numClasses;
        b.vocabularySize = vocabularySize;
        b.padId = padId;
        b.maskTokenId = maskTokenId;
        b.mlmProbability = kind == InputKind.MLM ? mlmProbability : DEFAULT_MLM_PROBABILITY;
        b.batchSize = batchSize;
        b.badRowPolicy = badRowPolicy;
        b.labelEncoding = labelEncoding;
        return b;
    }

    private static String defaultSequenceColumn(InputKind kind) {
        return kind == InputKind.PATCHES ? "patches" : "tokens";
    }

    public InputKind kind() { return kind; }

    /** Column holding the sequence: {@code tokens} (array<int>) or {@code patches} (array<float>). */
    public String sequenceColumn() { return sequenceColumn; }

    /** Column holding the int class label (TOKENS, PATCHES). */
    public String labelColumn() { return labelColumn; }

    /** Optional column naming each row in error messages (string, int or long); used if present. */
    public String idColumn() { return idColumn; }

    /** Maximum number of time steps (tokens or patches) of one sequence. */
    public int maxLength() { return maxLength; }

    /** Whether longer sequences are cut to {@link #maxLength()} instead of being rejected. */
    public boolean truncate() { return truncate; }

    /** Length of one patch vector (PATCHES); 0 otherwise. */
    public int patchDim() { return patchDim; }

    /** Number of classes (TOKENS, PATCHES); 0 for MLM. */
    public int numClasses() { return numClasses; }

    /** Token ids must lie in [0, vocabularySize) (TOKENS, MLM); 0 for PATCHES. */
    public int vocabularySize() { return vocabularySize; }

    /** Feature value written at padded time steps of token sequences. */
    public int padId() { return padId; }

    /** Id that replaces 80% of the tokens selected for MLM prediction. */
    public int maskTokenId() { return maskTokenId; }

    /** Probability that a real token is selected for MLM prediction. */
    public double mlmProbability() { return mlmProbability; }

    /** Number of rows per minibatch (the last minibatch of a partition may be smaller). */
    public int batchSize() { return batchSize; }

    public BadRowPolicy badRowPolicy() { return badRowPolicy; }

    public LabelEncoding labelEncoding() { return labelEncoding; }

    /** Feature channels per time step: {@code patchDim} for PATCHES, 1 for token ids. */
    public int featureChannels() {
        return kind == InputKind.PATCHES ? patchDim : 1;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("BatchSpec{kind=").append(kind)
                .append(", sequenceColumn=").append(sequenceColumn);
        if (kind.hasClassLabel()) {
            s.append(", labelColumn=").append(labelColumn).append(", numClasses=").append(numClasses);
        }
        s.append(", idColumn=").append(idColumn)
                .append(", maxLength=").append(maxLength).append(", truncate=").append(truncate);
        if (kind == InputKind.PATCHES) {
            s.append(", patchDim=").append(patchDim);
        } else {
            s.append(", vocabularySize=").append(vocabularySize).append(", padId=").append(padId);
        }
        if (kind == InputKind.MLM) {
            s.append(", maskTokenId=").append(maskTokenId).append(", mlmProbability=").append(mlmProbability);
        }
        return s.append(", batchSize=").append(batchSize)
                .append(", badRowPolicy=").append(badRowPolicy)
                .append(", labelEncoding=").append(labelEncoding).append('}').toString();
    }

    /** Validating builder; see {@link BatchSpec} for which settings each kind requires. */
    public static final class Builder {
        private final InputKind kind;
        private String sequenceColumn;
        private String labelColumn = "label";
        private String idColumn = "id";
        private Integer maxLength;
        private boolean truncate;
        private Integer patchDim;
        private Integer numClasses;
        private Integer vocabularySize;
        private Integer padId = 0;
        private Integer maskTokenId;
        private double mlmProbability = DEFAULT_MLM_PROBABILITY;
        private Integer batchSize;
        private BadRowPolicy badRowPolicy = BadRowPolicy.FAIL;
        private LabelEncoding labelEncoding = LabelEncoding.ONE_HOT;

        private Builder(InputKind kind) {
            this.kind = kind;
        }

        /** Defaults to {@code tokens} (TOKENS, MLM) or {@code patches} (PATCHES). */
        public Builder sequenceColumn(String name) { sequenceColumn = name; return this; }

        /** Defaults to {@code label}. */
        public Builder labelColumn(String name) { labelColumn = name; return this; }

        /** Defaults to {@code id}; the column is optional in the data. */
        public Builder idColumn(String name) { idColumn = name; return this; }

        /** Required. */
        public Builder maxLength(int steps) { maxLength = steps; return this; }

        /** Defaults to false: sequences longer than maxLength are bad rows. */
        public Builder truncate(boolean cut) { truncate = cut; return this; }

        /** Required for PATCHES. */
        public Builder patchDim(int dim) { patchDim = dim; return this; }

        /** Required for TOKENS and PATCHES; at least 2. */
        public Builder numClasses(int classes) { numClasses = classes; return this; }

        /** Required for TOKENS and MLM; at most {@link #MAX_VOCABULARY_SIZE}. */
        public Builder vocabularySize(int size) { vocabularySize = size; return this; }

        /** Defaults to 0; must lie in [0, vocabularySize). */
        public Builder padId(int id) { padId = id; return this; }

        /** Required for MLM; must lie in [0, vocabularySize). */
        public Builder maskTokenId(int id) { maskTokenId = id; return this; }

        /** Defaults to {@link #DEFAULT_MLM_PROBABILITY}; must lie in (0, 1]. */
        public Builder mlmProbability(double p) { mlmProbability = p; return this; }

        /** Required. */
        public Builder batchSize(int rows) { batchSize = rows; return this; }

        /** Defaults to {@link BadRowPolicy#FAIL}. */
        public Builder badRowPolicy(BadRowPolicy policy) { badRowPolicy = policy; return this; }

        /** Defaults to {@link LabelEncoding#ONE_HOT}. */
        public Builder labelEncoding(LabelEncoding encoding) { labelEncoding = encoding; return this; }

        /** Checks every setting the kind uses and returns the specification. */
        public BatchSpec build() {
            requireName("sequenceColumn", sequenceColumn != null ? sequenceColumn : defaultSequenceColumn(kind));
            requireName("idColumn", idColumn);
            requireAtLeast("maxLength", maxLength, 1);
            requireAtLeast("batchSize", batchSize, 1);
            Objects.requireNonNull(badRowPolicy, "badRowPolicy");
            Objects.requireNonNull(labelEncoding, "labelEncoding");
            if (kind.hasClassLabel()) {
                requireName("labelColumn", labelColumn);
                requireAtLeast("numClasses", numClasses, 2);
            }
            if (kind == InputKind.PATCHES) {
                requireAtLeast("patchDim", patchDim, 1);
            } else {
                requireAtLeast("vocabularySize", vocabularySize, 1);
                if (vocabularySize > MAX_VOCABULARY_SIZE) {
                    throw new IllegalArgumentException("vocabularySize must be at most " + MAX_VOCABULARY_SIZE
                            + " (ids are stored as floats), got " + vocabularySize);
                }
                requireTokenId("padId", padId);
            }
            if (kind == InputKind.MLM) {
                requireTokenId("maskTokenId", maskTokenId);
                if (!(mlmProbability > 0 && mlmProbability <= 1)) {
                    throw new IllegalArgumentException("mlmProbability must lie in (0, 1], got " + mlmProbability);
                }
            }
            return new BatchSpec(this);
        }

        private void requireTokenId(String name, Integer id) {
            if (id == null) {
                throw new IllegalArgumentException(name + " is required for " + kind);
            }
            if (id < 0 || id >= vocabularySize) {
                throw new IllegalArgumentException(
                        name + " must lie in [0, vocabularySize=" + vocabularySize + "), got " + id);
            }
        }

        private void requireAtLeast(String name, Integer value, int min) {
            if (value == null) {
                throw new IllegalArgumentException(name + " is required for " + kind);
            }
            if (value < min) {
                throw new IllegalArgumentException(name + " must be at least " + min + ", got " + value);
            }
        }

        private static void requireName(String setting, String column) {
            if (column == null || column.isBlank()) {
                throw new IllegalArgumentException(setting + " must name a column, got '" + column + "'");
            }
        }
    }
}
