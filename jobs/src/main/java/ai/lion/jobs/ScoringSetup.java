package ai.lion.jobs;

import ai.lion.core.attention.Form;
import ai.lion.core.models.LionVariant;
import ai.lion.jobs.config.ScoreConfig;
import ai.lion.spark.data.DataSettings;
import ai.lion.spark.score.LongSequencePaths;
import ai.lion.spark.score.ScoringOptions;
import java.util.Locale;

/** The scorer's {@link ScoringOptions} from the {@code score} section. */
final class ScoringSetup {

    private ScoringSetup() {
    }

    /**
     * Options for rows laid out as {@code data} says, scored by a model of {@code variant}. The form decides
     * which sequences leave the plain attention path: with {@code auto} those longer than
     * {@code score.max-attention-length} go through the chunk form (none for a softmax model, which has
     * the attention form only); with {@code attention} none; with {@code chunk} or {@code rnn} all of them.
     *
     * @throws IllegalArgumentException for {@code chunk} or {@code rnn} with a softmax model
     */
    static ScoringOptions options(ScoreConfig score, DataSettings data, LionVariant variant) {
        ScoringOptions.Builder options = ScoringOptions.builder(data).embeddings(score.includeEmbedding());
        boolean softmax = variant == LionVariant.SOFTMAX;
        if (softmax && score.form().filter(form -> form != Form.ATTENTION).isPresent()) {
            throw new IllegalArgumentException("score.form = " + score.form().get().name().toLowerCase(Locale.ROOT)
                    + " does not apply to the checkpoint's model.variant = softmax, which has the attention form"
                    + " only: set score.form = attention or auto");
        }
        Form form = score.form().orElse(softmax ? Form.ATTENTION : Form.CHUNK);
        if (form != Form.ATTENTION) {
            options.longSequenceThreshold(score.form().isEmpty() ? score.maxAttentionLength() : 1)
                    .longSequencePath(LongSequencePaths.of(form, score.chunkSize()));
        }
        return options.build();
    }
}
