package ai.lion.jobs.config;

import ai.lion.core.layers.DecayInit;
import ai.lion.core.models.InputSpec;
import ai.lion.core.models.LionConfig;
import ai.lion.core.models.LionVariant;
import ai.lion.core.models.PatchInput;
import ai.lion.core.models.Pooling;
import ai.lion.core.models.Task;
import ai.lion.core.models.TokenInput;
import ai.lion.core.models.TrainingForm;

import java.util.List;
import java.util.Optional;

/**
 * The {@code model} section, read straight into the model library's {@link LionConfig}: every key is
 * a {@code LionConfig} field in kebab-case ({@code mlpRatio} is {@code model.mlp-ratio}), and
 * {@code model.input} holds the {@link PatchInput} or {@link TokenInput} fields chosen by
 * {@code model.input.kind}. Each key is checked here, so a message names the key; the rules that
 * tie keys together are {@code LionConfig}'s own and are reported against the section.
 */
public final class ModelSection {

    /** The values {@code model.input.kind} accepts. */
    public static final List<String> INPUT_KINDS = List.of("patches", "tokens");

    private ModelSection() {
    }

    /** Reads the section; empty if it is invalid (the problems are recorded in {@code reader}). */
    public static Optional<LionConfig> read(ConfigReader reader) {
        Task task = reader.choice("model.task", Task.class);
        LionVariant variant = reader.choice("model.variant", LionVariant.class);
        TrainingForm trainingForm = reader.choice("model.training-form", TrainingForm.class);
        if (variant == LionVariant.SOFTMAX && trainingForm == TrainingForm.CHUNK) {
            reader.reject("model.training-form", "must be attention when model.variant = softmax"
                    + " (softmax attention has no chunk form)");
        }
        LionConfig.Builder model = LionConfig.builder()
                .task(task)
                .variant(variant)
                .width(reader.intAtLeast("model.width", 1))
                .depth(reader.intAtLeast("model.depth", 1))
                .heads(reader.intAtLeast("model.heads", 1))
                .mlpRatio(reader.positive("model.mlp-ratio"))
                .trainingForm(trainingForm)
                .chunkSize(reader.intAtLeast("model.chunk-size", 1))
                .pooling(reader.choice("model.pooling", Pooling.class))
                .positionalEmbedding(reader.bool("model.positional-embedding"))
                .dropout(reader.fraction("model.dropout"))
                .dropPath(reader.fraction("model.drop-path"))
                .decayInit(reader.choice("model.decay-init", DecayInit.class))
                .seed(reader.longValue("model.seed"))
                .input(input(reader));
        if (task == Task.CLASSIFY) {
            model.numClasses(reader.intAtLeast("model.num-classes", 2));
        } else if (reader.isSet("model.num-classes")) {
            reader.reject("model.num-classes", "must not be set when model.task = mlm (it predicts the vocabulary)");
        }
        if (!reader.validUnder("model")) {
            return Optional.empty();
        }
        try {
            return Optional.of(model.build());
        } catch (IllegalArgumentException e) {
            reader.rejectSection("model", e.getMessage());
            return Optional.empty();
        }
    }

    private static InputSpec input(ConfigReader reader) {
        String kind = reader.oneOf("model.input.kind", INPUT_KINDS);
        if (!reader.valid("model.input.kind")) {
            return null;
        }
        if (kind.equals("patches")) {
            int imageSize = reader.intAtLeast("model.input.image-size", 1);
            int patchSize = reader.intAtLeast("model.input.patch-size", 1);
            int channels = reader.intAtLeast("model.input.channels", 1);
            if (reader.valid("model.input.image-size", "model.input.patch-size") && imageSize % patchSize != 0) {
                reader.reject("model.input.patch-size", "must divide model.input.image-size = " + imageSize);
                return null;
            }
            return reader.valid("model.input.image-size", "model.input.patch-size", "model.input.channels")
                    ? new PatchInput(imageSize, patchSize, channels) : null;
        }
        int vocabSize = reader.intAtLeast("model.input.vocab-size", 2);
        int maxLength = reader.intAtLeast("model.input.max-length", 1);
        return reader.valid("model.input.vocab-size", "model.input.max-length")
                ? new TokenInput(vocabSize, maxLength) : null;
    }
}
