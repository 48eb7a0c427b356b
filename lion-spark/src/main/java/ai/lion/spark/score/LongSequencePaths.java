package ai.lion.spark.score;

import ai.lion.core.attention.Form;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the {@link ScoringPath} for sequences longer than the scorer's threshold, by the attention
 * form they should be computed in.
 *
 * <p><b>Gap:</b> the long-sequence encoder of {@code ai.lion.core.inference}, which runs a trained
 * model's weights in CHUNK or RNN form with memory independent of the sequence length, does not exist
 * yet. Until it does, every form returns {@link GraphOutputPath}: long sequences are scored one at a
 * time by the plain graph, whose memory still grows with their length. This method is where the
 * encoder's path is to be plugged in.
 */
public final class LongSequencePaths {

    private static final Logger LOG = LoggerFactory.getLogger(LongSequencePaths.class);
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private LongSequencePaths() {
    }

    /**
     * The path for long sequences in {@code form}.
     *
     * @param chunkSize chunk length for {@link Form#CHUNK}; at least 1
     */
    public static ScoringPath of(Form form, int chunkSize) {
        Objects.requireNonNull(form, "form");
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be at least 1, got " + chunkSize);
        }
        if (form != Form.ATTENTION && WARNED.compareAndSet(false, true)) {
            LOG.warn("Long sequences are scored with the plain graph, one at a time: the {} form (chunk size {}) needs"
                    + " the ai.lion.core.inference encoder, which is not available yet", form, chunkSize);
        }
        return GraphOutputPath.INSTANCE;
    }
}
