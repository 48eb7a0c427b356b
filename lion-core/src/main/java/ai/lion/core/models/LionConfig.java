package ai.lion.core.models;

import static ai.lion.core.models.Checks.positive;
import static ai.lion.core.models.Checks.present;
import static ai.lion.core.models.Checks.probability;

import ai.lion.core.attention.LionOptions;
import ai.lion.core.layers.DecayInit;
import java.io.Serializable;
import org.nd4j.shade.jackson.annotation.JsonProperty;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;
import org.nd4j.shade.jackson.databind.annotation.JsonDeserialize;
import org.nd4j.shade.jackson.databind.annotation.JsonPOJOBuilder;

/**
 * Everything needed to build a LION model: the input, the task, the block stack and the
 * regularisation. Immutable and validated; create it with {@link #builder()} and store it with
 * {@link #toJson()} / {@link #fromJson(String)}. Serializable, so that Spark can ship it with a task.
 *
 * <p>Defaults follow the authors' DeiT-tiny vision setup (docs/lion-math.md §7): LION-D, width 192, depth 12,
 * 3 heads, MLP ratio 4, ATTENTION form, MEAN pooling, no positional embedding, no dropout or drop-path,
 * the authors' decay initialisation, task CLASSIFY; the chunk size is the library's, {@value LionOptions#DEFAULT_CHUNK_SIZE}. The input and
 * (for CLASSIFY) the number of classes have no default.
 *
 * @param variant             attention of every block: a LION decay variant or the SOFTMAX baseline
 * @param width               model (channel) width C
 * @param depth               number of LION blocks
 * @param heads               attention heads; must divide {@code width}
 * @param mlpRatio            hidden width of the block MLP relative to {@code width}; a whole number for now
 *                            (the block layer takes an integer ratio)
 * @param trainingForm        how attention is computed while training (SOFTMAX: ATTENTION only)
 * @param chunkSize           chunk length for {@link TrainingForm#CHUNK}
 * @param pooling             sequence pooling of a classifier (ignored by MLM)
 * @param positionalEmbedding whether learned absolute position embeddings are added
 * @param dropout             dropout probability on the embedded sequence and inside the blocks
 * @param dropPath            stochastic-depth rate of the last block (rising linearly from 0 in the first)
 * @param decayInit           how the decays of LION-D and LION-S start ({@link DecayInit#SPREAD}: over the
 *                            input's sequence length); ignored by the variants without a decay
 * @param numClasses          output classes of a classifier; 0 for MLM
 * @param seed                seed of the parameter initialisation and of dropout
 * @param input               what the model reads
 * @param task                what the model predicts
 */
@JsonDeserialize(builder = LionConfig.Builder.class)
public record LionConfig(
        @JsonProperty("variant") LionVariant variant,
        @JsonProperty("width") int width,
        @JsonProperty("depth") int depth,
        @JsonProperty("heads") int heads,
        @JsonProperty("mlpRatio") double mlpRatio,
        @JsonProperty("trainingForm") TrainingForm trainingForm,
        @JsonProperty("chunkSize") int chunkSize,
        @JsonProperty("pooling") Pooling pooling,
        @JsonProperty("positionalEmbedding") boolean positionalEmbedding,
        @JsonProperty("dropout") double dropout,
        @JsonProperty("dropPath") double dropPath,
        @JsonProperty("decayInit") DecayInit decayInit,
        @JsonProperty("numClasses") int numClasses,
        @JsonProperty("seed") long seed,
        @JsonProperty("input") InputSpec input,
        @JsonProperty("task") Task task) implements Serializable {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Validates every field; the message names the field and its value. */
    public LionConfig {
        present("variant", variant);
        positive("width", width);
        positive("depth", depth);
        positive("heads", heads);
        if (width % heads != 0) {
            throw new IllegalArgumentException("heads must divide width, got heads=" + heads + " and width=" + width);
        }
        if (!(mlpRatio >= 1) || mlpRatio != Math.rint(mlpRatio)) {
            throw new IllegalArgumentException("mlpRatio must be a whole number >= 1 (the LION block takes an integer ratio), got "
                    + mlpRatio);
        }
        present("trainingForm", trainingForm);
        positive("chunkSize", chunkSize);
        present("pooling", pooling);
        probability("dropout", dropout);
        probability("dropPath", dropPath);
        present("decayInit", decayInit);
        present("input", input);
        present("task", task);
        if (variant == LionVariant.SOFTMAX && trainingForm != TrainingForm.ATTENTION) {
            throw new IllegalArgumentException("variant SOFTMAX has only the ATTENTION training form, got trainingForm "
                    + trainingForm);
        }
        if (variant.usesCurveOrder() && !(input instanceof PatchInput)) {
            throw new IllegalArgumentException("variant " + variant + " scans a square patch grid and needs PATCHES input, got "
                    + input);
        }
        if (task == Task.MLM && !(input instanceof TokenInput)) {
            throw new IllegalArgumentException("task MLM needs TOKENS input, got " + input);
        }
        if (task == Task.CLASSIFY && numClasses < 2) {
            throw new IllegalArgumentException("numClasses must be at least 2 for task CLASSIFY, got " + numClasses);
        }
        if (task == Task.MLM && numClasses != 0) {
            throw new IllegalArgumentException("numClasses must be 0 for task MLM (it predicts the vocabulary), got "
                    + numClasses);
        }
    }

    /** A builder holding the defaults listed in the class documentation. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values, for deriving a modified copy. */
    public Builder toBuilder() {
        return new Builder()
                .variant(variant).width(width).depth(depth).heads(heads).mlpRatio(mlpRatio)
                .trainingForm(trainingForm).chunkSize(chunkSize).pooling(pooling)
                .positionalEmbedding(positionalEmbedding).dropout(dropout).dropPath(dropPath).decayInit(decayInit)
                .numClasses(numClasses).seed(seed).input(input).task(task);
    }

    /** Width of one attention head. */
    public int headDim() {
        return width / heads;
    }

    /** Hidden width of the block MLP, {@code width · mlpRatio}. */
    public int mlpHidden() {
        return (int) (width * mlpRatio);
    }

    /** Stochastic-depth rate of block {@code index} (0-based): rises linearly from 0 to {@link #dropPath()}. */
    public double dropPathOfBlock(int index) {
        if (index < 0 || index >= depth) {
            throw new IllegalArgumentException("block index must be in [0, " + depth + "), got " + index);
        }
        return depth == 1 ? dropPath : dropPath * index / (depth - 1);
    }

    /** Number of outputs of the final layer: the classes, or the vocabulary for MLM. */
    public int outputSize() {
        return task == Task.MLM ? ((TokenInput) input).vocabSize() : numClasses;
    }

    /** This configuration as indented JSON; {@link #fromJson(String)} restores it exactly. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + this, e);
        }
    }

    /**
     * Parses a configuration written by {@link #toJson()}. Fields that are absent take their defaults;
     * unknown fields and invalid values are rejected with an {@link IllegalArgumentException}.
     */
    public static LionConfig fromJson(String json) {
        try {
            return JSON.readValue(json, LionConfig.class);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause();
            String reason = cause instanceof IllegalArgumentException ? cause.getMessage() : e.getOriginalMessage();
            throw new IllegalArgumentException("invalid LionConfig JSON: " + reason, e);
        }
    }

    /** Collects the fields of a {@link LionConfig}; {@link #build()} validates them. */
    @JsonPOJOBuilder(withPrefix = "")
    public static final class Builder {
        private LionVariant variant = LionVariant.DECAY;
        private int width = 192;
        private int depth = 12;
        private int heads = 3;
        private double mlpRatio = 4;
        private TrainingForm trainingForm = TrainingForm.ATTENTION;
        private int chunkSize = LionOptions.DEFAULT_CHUNK_SIZE;
        private Pooling pooling = Pooling.MEAN;
        private boolean positionalEmbedding;
        private double dropout;
        private double dropPath;
        private DecayInit decayInit = DecayInit.AUTHORS;
        private int numClasses;
        private long seed = 42;
        private InputSpec input;
        private Task task = Task.CLASSIFY;

        private Builder() {
        }

        public Builder variant(LionVariant variant) {
            this.variant = variant;
            return this;
        }

        public Builder width(int width) {
            this.width = width;
            return this;
        }

        public Builder depth(int depth) {
            this.depth = depth;
            return this;
        }

        public Builder heads(int heads) {
            this.heads = heads;
            return this;
        }

        public Builder mlpRatio(double mlpRatio) {
            this.mlpRatio = mlpRatio;
            return this;
        }

        public Builder trainingForm(TrainingForm trainingForm) {
            this.trainingForm = trainingForm;
            return this;
        }

        public Builder chunkSize(int chunkSize) {
            this.chunkSize = chunkSize;
            return this;
        }

        public Builder pooling(Pooling pooling) {
            this.pooling = pooling;
            return this;
        }

        public Builder positionalEmbedding(boolean positionalEmbedding) {
            this.positionalEmbedding = positionalEmbedding;
            return this;
        }

        public Builder dropout(double dropout) {
            this.dropout = dropout;
            return this;
        }

        public Builder dropPath(double dropPath) {
            this.dropPath = dropPath;
            return this;
        }

        public Builder decayInit(DecayInit decayInit) {
            this.decayInit = decayInit;
            return this;
        }

        public Builder numClasses(int numClasses) {
            this.numClasses = numClasses;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder input(InputSpec input) {
            this.input = input;
            return this;
        }

        /** Shorthand for {@code input(new PatchInput(imageSize, patchSize, channels))}. */
        public Builder patches(int imageSize, int patchSize, int channels) {
            return input(new PatchInput(imageSize, patchSize, channels));
        }

        /** Shorthand for {@code input(new TokenInput(vocabSize, maxLength))}. */
        public Builder tokens(int vocabSize, int maxLength) {
            return input(new TokenInput(vocabSize, maxLength));
        }

        public Builder task(Task task) {
            this.task = task;
            return this;
        }

        /** The validated configuration. */
        public LionConfig build() {
            return new LionConfig(variant, width, depth, heads, mlpRatio, trainingForm, chunkSize, pooling,
                    positionalEmbedding, dropout, dropPath, decayInit, numClasses, seed, input, task);
        }
    }
}
