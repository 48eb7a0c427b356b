package ai.lion.jobs.config;

import ai.lion.core.models.LionConfig;
import ai.lion.core.models.Task;
import ai.lion.core.models.TokenInput;
import ai.lion.spark.data.BadRowPolicy;
import ai.lion.spark.data.DataSettings;
import ai.lion.spark.data.LabelEncoding;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The keys of the {@code data} section that say how a row becomes a minibatch entry: the columns, bad
 * rows, truncation, label layout and token ids. Training and evaluation read them with the rest of
 * {@link DataConfig}; scoring reads only these.
 *
 * @param sequenceColumn column holding the sequence; empty: the data library's default for the kind
 * @param labelColumn    column holding the class label
 * @param idColumn       column naming a row in error messages (and in the scores)
 * @param truncate       whether over-long sequences are cut instead of being bad rows
 * @param badRows        what a row that fails validation does
 * @param labelEncoding  label layout in a minibatch
 * @param padId          token id at padded positions
 * @param maskTokenId    MLM mask token id, if set
 * @param mlmProbability MLM selection probability, in (0, 1]
 */
public record RowFormat(Optional<String> sequenceColumn, String labelColumn, String idColumn, boolean truncate,
                        BadRowPolicy badRows, LabelEncoding labelEncoding, int padId, OptionalInt maskTokenId,
                        double mlmProbability) {

    /** Every key this record is read from. */
    public static final List<String> KEYS = List.of("data.sequence-column", "data.label-column", "data.id-column",
            "data.truncate", "data.bad-rows", "data.label-encoding", "data.pad-id", "data.mask-token-id",
            "data.mlm-probability");

    /** Reads and checks the keys; problems are recorded in {@code reader}. */
    public static RowFormat read(ConfigReader reader) {
        return new RowFormat(
                reader.optionalString("data.sequence-column"),
                reader.string("data.label-column"),
                reader.string("data.id-column"),
                reader.bool("data.truncate"),
                reader.choice("data.bad-rows", BadRowPolicy.class),
                reader.choice("data.label-encoding", LabelEncoding.class),
                reader.intAtLeast("data.pad-id", 0),
                reader.isSet("data.mask-token-id")
                        ? OptionalInt.of(reader.intAtLeast("data.mask-token-id", 0)) : OptionalInt.empty(),
                reader.number("data.mlm-probability", p -> p > 0 && p <= 1, "must be a number in (0, 1]"));
    }

    /**
     * The data library's {@link DataSettings} of these keys, in minibatches of {@code batchSize} rows; the
     * model's config gives the rest of the {@code BatchSpec}.
     */
    public DataSettings settings(int batchSize) {
        DataSettings.Builder settings = DataSettings.builder()
                .labelColumn(labelColumn)
                .idColumn(idColumn)
                .truncate(truncate)
                .badRowPolicy(badRows)
                .labelEncoding(labelEncoding)
                .padId(padId)
                .mlmProbability(mlmProbability)
                .batchSize(batchSize);
        sequenceColumn.ifPresent(settings::sequenceColumn);
        maskTokenId.ifPresent(settings::maskTokenId);
        return settings.build();
    }

    /**
     * Checks the keys that depend on the model: token ids must lie in the model's vocabulary, and
     * masked-language modelling needs a mask token. Problems are recorded in {@code reader}.
     */
    public void checkFits(LionConfig model, ConfigReader reader) {
        if (!(model.input() instanceof TokenInput tokens)) {
            return;
        }
        String inVocabulary = "must be < model.input.vocab-size = " + tokens.vocabSize();
        if (padId >= tokens.vocabSize() && reader.valid("data.pad-id")) {
            reader.reject("data.pad-id", inVocabulary);
        }
        if (model.task() == Task.MLM && maskTokenId.isEmpty() && reader.valid("data.mask-token-id")) {
            reader.reject("data.mask-token-id", "must be set when model.task = mlm");
        }
        if (maskTokenId.isPresent() && maskTokenId.getAsInt() >= tokens.vocabSize()) {
            reader.reject("data.mask-token-id", inVocabulary);
        }
    }
}
