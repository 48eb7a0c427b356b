package ai.lion.jobs;

import ai.lion.core.models.LionConfig;
import ai.lion.core.models.PatchInput;
import ai.lion.core.models.Task;
import ai.lion.core.models.TokenInput;
import ai.lion.datasets.DatasetMetadata;
import ai.lion.jobs.config.ConfigProblem;
import ai.lion.jobs.config.InvalidConfigException;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Checks a LION model against the metadata of a prepared dataset ({@link DatasetMetadata}) before any
 * row is read: input kind, patch geometry, vocabulary, sequence length and number of classes. Data
 * without metadata is not checked here; its rows are checked one by one as they are batched.
 */
final class DatasetFit {

    private DatasetFit() {
    }

    /**
     * One way the model does not fit the data.
     *
     * @param modelKey   the model key, e.g. {@code model.input.patch-size}
     * @param modelValue the model's value of it
     * @param data       what the metadata says, e.g. {@code patchSize = 7}
     * @param fix        what to do about it, e.g. {@code set model.input.patch-size = 7}
     */
    private record Mismatch(String modelKey, Object modelValue, String data, String fix) {
    }

    /**
     * Fails when {@code model}, configured by the {@code model} keys, does not fit the dataset.
     *
     * @throws InvalidConfigException naming the model key, both values, the metadata file and the fix
     */
    static void requireTrainable(LionConfig model, DatasetMetadata metadata, boolean truncate)
            throws InvalidConfigException {
        Optional<Mismatch> mismatch = mismatch(model, metadata, truncate);
        if (mismatch.isPresent()) {
            Mismatch m = mismatch.get();
            throw new InvalidConfigException(new ConfigProblem(m.modelKey(), Optional.of(String.valueOf(m.modelValue())),
                    "does not fit the prepared data: " + metadata.file() + " says " + m.data() + "; " + m.fix(),
                    Optional.empty()));
        }
    }

    /**
     * Fails when the model of a checkpoint does not fit the dataset that {@code dataKey} points to.
     *
     * @param checkpointRoot the value of {@code checkpoint.path}
     * @param checkpoint     the selected checkpoint
     * @param dataKey        the key that names the data ({@code data.path}, {@code score.input})
     * @throws InvalidConfigException naming {@code checkpoint.path}, both values, the metadata file and
     *                                the keys to change
     */
    static void requireCheckpointFits(LionConfig model, String checkpointRoot, String checkpoint,
                                      DatasetMetadata metadata, String dataKey, boolean truncate)
            throws InvalidConfigException {
        Optional<Mismatch> mismatch = mismatch(model, metadata, truncate);
        if (mismatch.isPresent()) {
            Mismatch m = mismatch.get();
            throw new InvalidConfigException(new ConfigProblem("checkpoint.path", Optional.of(checkpointRoot),
                    "checkpoint " + checkpoint + " has " + m.modelKey() + " = " + m.modelValue()
                            + ", which does not fit the prepared data: " + metadata.file() + " says " + m.data()
                            + "; choose a checkpoint trained on such data (checkpoint.path, checkpoint.select) or"
                            + " data that fits the model (" + dataKey + ")",
                    Optional.empty()));
        }
    }

    /** The first way {@code model} does not fit the data {@code metadata} describes, if any. */
    private static Optional<Mismatch> mismatch(LionConfig model, DatasetMetadata metadata, boolean truncate) {
        if (model.input() instanceof PatchInput patches) {
            return metadata.hasPatches() || !metadata.hasTokens()
                    ? patchMismatch(patches, metadata).or(() -> classMismatch(model, metadata))
                    : Optional.of(new Mismatch("model.input.kind", "patches", "the rows hold tokens ("
                    + DatasetMetadata.VOCAB_SIZE + " = " + metadata.integer(DatasetMetadata.VOCAB_SIZE).orElseThrow()
                    + ")", "set model.input.kind = tokens"));
        }
        TokenInput tokens = (TokenInput) model.input();
        if (metadata.hasPatches()) {
            return Optional.of(new Mismatch("model.input.kind", "tokens", "the rows hold patches ("
                    + DatasetMetadata.PATCH_DIM + " = " + metadata.integer(DatasetMetadata.PATCH_DIM).orElseThrow()
                    + ")", "set model.input.kind = patches"));
        }
        return differs("model.input.vocab-size", tokens.vocabSize(), metadata, DatasetMetadata.VOCAB_SIZE)
                .or(() -> tooLong(tokens, metadata, truncate))
                .or(() -> classMismatch(model, metadata));
    }

    private static Optional<Mismatch> patchMismatch(PatchInput patches, DatasetMetadata metadata) {
        return differs("model.input.patch-size", patches.patchSize(), metadata, DatasetMetadata.PATCH_SIZE)
                .or(() -> differs("model.input.image-size", patches.imageSize(), metadata, DatasetMetadata.IMAGE_HEIGHT))
                .or(() -> differs("model.input.image-size", patches.imageSize(), metadata, DatasetMetadata.IMAGE_WIDTH))
                .or(() -> mismatchOf("model.input.channels", patches.channels(), metadata, DatasetMetadata.PATCH_DIM,
                        patches.patchDim(), "set model.input.channels so that channels × patch-size² = "
                                + DatasetMetadata.PATCH_DIM))
                .or(() -> mismatchOf("model.input.image-size", patches.imageSize(), metadata,
                        DatasetMetadata.NUM_PATCHES, patches.numPatches(),
                        "set model.input.image-size so that (image-size / patch-size)² = " + DatasetMetadata.NUM_PATCHES));
    }

    private static Optional<Mismatch> tooLong(TokenInput tokens, DatasetMetadata metadata, boolean truncate) {
        OptionalInt longest = metadata.integer(DatasetMetadata.MAX_LENGTH);
        if (truncate || longest.isEmpty() || longest.getAsInt() <= tokens.maxLength()) {
            return Optional.empty();
        }
        return Optional.of(new Mismatch("model.input.max-length", tokens.maxLength(),
                DatasetMetadata.MAX_LENGTH + " = " + longest.getAsInt(), "set model.input.max-length = "
                + longest.getAsInt() + " or data.truncate = true"));
    }

    private static Optional<Mismatch> classMismatch(LionConfig model, DatasetMetadata metadata) {
        return model.task() == Task.CLASSIFY
                ? differs("model.num-classes", model.numClasses(), metadata, DatasetMetadata.NUM_CLASSES)
                : Optional.empty();
    }

    /** A mismatch when the metadata has {@code field} and it differs from the model key's {@code value}. */
    private static Optional<Mismatch> differs(String key, int value, DatasetMetadata metadata, String field) {
        return mismatchOf(key, value, metadata, field, value, "set " + key + " = "
                + metadata.integer(field).orElse(value));
    }

    /** A mismatch of {@code key} when the metadata's {@code field} is not {@code derived}, the model's value of it. */
    private static Optional<Mismatch> mismatchOf(String key, int value, DatasetMetadata metadata, String field,
                                                 int derived, String fix) {
        OptionalInt recorded = metadata.integer(field);
        if (recorded.isEmpty() || recorded.getAsInt() == derived) {
            return Optional.empty();
        }
        String data = field + " = " + recorded.getAsInt() + (derived == value ? "" : ", the model has " + derived);
        return Optional.of(new Mismatch(key, value, data, fix));
    }
}
