package ai.lion.jobs.config;

import ai.lion.core.attention.Form;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The {@code score} section: batch scoring of Parquet rows with a trained checkpoint.
 *
 * @param input                 Parquet file or directory with the rows to score
 * @param output                Parquet directory for the predictions
 * @param overwrite             whether an existing output is replaced
 * @param form                  inference form; empty for {@code auto} (attention up to
 *                              {@code maxAttentionLength}, chunk beyond)
 * @param chunkSize             chunk length of the chunk form
 * @param maxAttentionLength    longest sequence that {@code auto} runs in the attention form
 * @param batchSize             rows per inference minibatch
 * @param includeEmbedding      whether the pooled embedding is written
 */
public record ScoreConfig(String input, String output, boolean overwrite, Optional<Form> form, int chunkSize,
                          int maxAttentionLength, int batchSize, boolean includeEmbedding) {

    private static final String AUTO = "auto";

    /** Reads and checks the section; problems are recorded in {@code reader}. */
    public static ScoreConfig read(ConfigReader reader) {
        ScoreConfig score = new ScoreConfig(
                reader.path("score.input"),
                reader.path("score.output"),
                reader.bool("score.overwrite"),
                form(reader),
                reader.intAtLeast("score.chunk-size", 1),
                reader.intAtLeast("score.max-attention-length", 1),
                reader.intAtLeast("score.batch-size", 1),
                reader.bool("score.include-embedding"));
        if (reader.valid("score.input", "score.output") && score.input.equals(score.output)) {
            reader.reject("score.output", "must differ from score.input");
        }
        return score;
    }

    /** {@code auto} or one of the {@link Form}s, written in lower case. */
    private static Optional<Form> form(ConfigReader reader) {
        List<String> allowed = Stream.concat(Stream.of(AUTO), Arrays.stream(Form.values()).map(ConfigReader::configName))
                .toList();
        String form = reader.oneOf("score.form", allowed);
        return form.equals(AUTO) ? Optional.empty() : Optional.of(Form.valueOf(form.toUpperCase(Locale.ROOT)));
    }
}
