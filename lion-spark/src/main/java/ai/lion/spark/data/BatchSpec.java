package ai.lion.spark.data;

import ai.lion.core.models.LionConfig;
import ai.lion.core.models.PatchInput;
import ai.lion.core.models.Task;
import ai.lion.core.models.TokenInput;
import java.io.Serializable;
import java.util.Objects;

/**
 * Immutable description of the rows a DataFrame holds for one model and of the minibatches built from
 * them: the model's facts (input kind, sequence length, patch length, vocabulary, classes), taken from
 * its {@link LionConfig}, and the {@link DataSettings} (columns, pad and mask ids, batch size,
 * truncation, bad-row policy, label encoding).
 *
 * <p>Settings a kind does not use read as 0: {@code patchDim} (used by PATCHES), {@code numClasses}
 * (TOKENS, PATCHES), {@code vocabularySize} and {@code padId} (TOKENS, MLM), {@code maskTokenId} and
 * {@code mlmProbability} (MLM).
 *
 * <pre>{@code
 * BatchSpec spec = BatchSpec.of(lionConfig, DataSettings.builder().batchSize(32).badRowPolicy(BadRowPolicy.SKIP).build());
 * }</pre>
 */
public final class BatchSpec implements Serializable {

    private static final long serialVersionUID = 2L;

    /** Largest vocabulary whose ids a float feature array holds exactly (2^24). */
    public static final int MAX_VOCABULARY_SIZE = 1 << 24;

    private final InputKind kind;
    private final int modelLength;
    private final boolean anyLength;
    private final int patchDim;
    private final int numClasses;
    private final int vocabularySize;
    private final DataSettings data;

    private BatchSpec(InputKind kind, int modelLength, boolean anyLength, int patchDim, int numClasses,
                      int vocabularySize, DataSettings data) {
        this.kind = kind;
        this.modelLength = modelLength;
        this.anyLength = anyLength;
        this.patchDim = kind == InputKind.PATCHES ? patchDim : 0;
        this.numClasses = kind.hasClassLabel() ? numClasses : 0;
        this.vocabularySize = kind.hasTokens() ? vocabularySize : 0;
        this.data = data;
    }

    /**
     * The rows and minibatches of {@code model} as {@code data} lays them out.
     *
     * @throws IllegalArgumentException if a data setting does not fit the model: a pad or mask id outside
     *                                  its vocabulary, no mask id for an MLM model, a maximum length the
     *                                  model cannot read, a vocabulary too large for float ids
     */
    public static BatchSpec of(LionConfig model, DataSettings data) {
        Objects.requireNonNull(model, "model");
        if (model.input() instanceof PatchInput patches) {
            return forLayout(InputKind.PATCHES, patches.numPatches(), false, patches.patchDim(),
                    model.numClasses(), 0, data);
        }
        TokenInput tokens = (TokenInput) model.input();
        return forLayout(model.task() == Task.MLM ? InputKind.MLM : InputKind.TOKENS, tokens.maxLength(),
                !model.positionalEmbedding(), 0, model.numClasses(), tokens.vocabSize(), data);
    }

    /**
     * The model's facts given one by one (for the data layer's own tests, whose models are not LION
     * models); {@link #of(LionConfig, DataSettings)} is the way in for everything else.
     *
     * @param modelLength the model's sequence length, the default maximum
     * @param anyLength   whether the model reads longer sequences too
     */
    static BatchSpec forLayout(InputKind kind, int modelLength, boolean anyLength, int patchDim, int numClasses,
                               int vocabularySize, DataSettings data) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(data, "data");
        if (kind.hasTokens()) {
            if (vocabularySize > MAX_VOCABULARY_SIZE) {
                throw new IllegalArgumentException("vocabularySize must be at most " + MAX_VOCABULARY_SIZE
                        + " (ids are stored as floats), got " + vocabularySize);
            }
            requireTokenId("padId", data.padId(), vocabularySize);
        }
        if (kind == InputKind.MLM) {
            requireTokenId("maskTokenId", data.maskTokenId().orElseThrow(() ->
                    new IllegalArgumentException("maskTokenId is required for an MLM model")), vocabularySize);
        }
        int maxLength = data.maxLength().orElse(modelLength);
        if (maxLength > modelLength && !anyLength) {
            throw new IllegalArgumentException("maxLength " + maxLength + " exceeds the model's sequence length "
                    + modelLength + "; only a token model without positional embeddings reads longer sequences");
        }
        return new BatchSpec(kind, modelLength, anyLength, patchDim, numClasses, vocabularySize, data);
    }

    private static void requireTokenId(String name, int id, int vocabularySize) {
        if (id < 0 || id >= vocabularySize) {
            throw new IllegalArgumentException(
                    name + " must lie in [0, vocabularySize=" + vocabularySize + "), got " + id);
        }
    }

    /** The same model's rows laid out by {@code other}. */
    public BatchSpec withData(DataSettings other) {
        return forLayout(kind, modelLength, anyLength, patchDim, numClasses, vocabularySize, other);
    }

    /** The data side of this specification. */
    public DataSettings data() { return data; }

    public InputKind kind() { return kind; }

    /** Column holding the sequence: {@code tokens} (array<int>) or {@code patches} (array<float>). */
    public String sequenceColumn() {
        return data.sequenceColumn().orElse(kind == InputKind.PATCHES ? "patches" : "tokens");
    }

    /** Column holding the int class label (TOKENS, PATCHES). */
    public String labelColumn() { return data.labelColumn(); }

    /** Optional column naming each row in error messages (string, int or long); used if present. */
    public String idColumn() { return data.idColumn(); }

    /** Maximum number of time steps (tokens or patches) of one sequence: the data's, else the model's. */
    public int maxLength() { return data.maxLength().orElse(modelLength); }

    /** Whether longer sequences are cut to {@link #maxLength()} instead of being rejected. */
    public boolean truncate() { return data.truncate(); }

    /** Length of one patch vector (PATCHES); 0 otherwise. */
    public int patchDim() { return patchDim; }

    /** Number of classes (TOKENS, PATCHES); 0 for MLM. */
    public int numClasses() { return numClasses; }

    /** Token ids must lie in [0, vocabularySize) (TOKENS, MLM); 0 for PATCHES. */
    public int vocabularySize() { return vocabularySize; }

    /** Feature value written at padded time steps of token sequences. */
    public int padId() { return kind.hasTokens() ? data.padId() : 0; }

    /** Id that replaces 80% of the tokens selected for MLM prediction. */
    public int maskTokenId() { return kind == InputKind.MLM ? data.maskTokenId().orElseThrow() : 0; }

    /** Probability that a real token is selected for MLM prediction. */
    public double mlmProbability() { return kind == InputKind.MLM ? data.mlmProbability() : 0; }

    /** Number of rows per minibatch (the last minibatch of a partition may be smaller). */
    public int batchSize() { return data.batchSize(); }

    public BadRowPolicy badRowPolicy() { return data.badRowPolicy(); }

    public LabelEncoding labelEncoding() { return data.labelEncoding(); }

    /** Feature channels per time step: {@code patchDim} for PATCHES, 1 for token ids. */
    public int featureChannels() {
        return kind == InputKind.PATCHES ? patchDim : 1;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("BatchSpec{kind=").append(kind)
                .append(", sequenceColumn=").append(sequenceColumn());
        if (kind.hasClassLabel()) {
            s.append(", labelColumn=").append(labelColumn()).append(", numClasses=").append(numClasses);
        }
        s.append(", idColumn=").append(idColumn())
                .append(", maxLength=").append(maxLength()).append(", truncate=").append(truncate());
        if (kind == InputKind.PATCHES) {
            s.append(", patchDim=").append(patchDim);
        } else {
            s.append(", vocabularySize=").append(vocabularySize).append(", padId=").append(padId());
        }
        if (kind == InputKind.MLM) {
            s.append(", maskTokenId=").append(maskTokenId()).append(", mlmProbability=").append(mlmProbability());
        }
        return s.append(", batchSize=").append(batchSize())
                .append(", badRowPolicy=").append(badRowPolicy())
                .append(", labelEncoding=").append(labelEncoding()).append('}').toString();
    }
}
