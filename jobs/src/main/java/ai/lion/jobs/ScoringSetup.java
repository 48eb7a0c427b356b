package ai.lion.jobs;

import ai.lion.core.attention.Form;
import ai.lion.jobs.config.ScoreConfig;
import ai.lion.spark.data.BatchSpec;
import ai.lion.spark.score.LongSequencePaths;
import ai.lion.spark.score.ScoringOptions;

/** The scorer's {@link ScoringOptions} from the {@code score} section. */
final class ScoringSetup {

    private ScoringSetup() {
    }

    /**
     * Options for rows laid out as {@code spec}. The form decides which sequences leave the plain
     * attention path: with {@code auto} those longer than {@code score.max-attention-length} go through
     * the chunk form; with {@code attention} none; with {@code chunk} or {@code rnn} all of them.
     */
    static ScoringOptions options(ScoreConfig score, BatchSpec spec) {
        ScoringOptions.Builder options = ScoringOptions.builder(spec).embeddings(score.includeEmbedding());
        Form form = score.form().orElse(Form.CHUNK);
        if (form != Form.ATTENTION) {
            options.longSequenceThreshold(score.form().isEmpty() ? score.maxAttentionLength() : 1)
                    .longSequencePath(LongSequencePaths.of(form, score.chunkSize()));
        }
        return options.build();
    }
}
