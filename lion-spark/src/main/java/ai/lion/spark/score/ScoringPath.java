package ai.lion.spark.score;

import java.io.Serializable;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * How a minibatch of sequences is run through a model to get class probabilities and pooled
 * embeddings. The scorer uses {@link GraphOutputPath} for ordinary sequences and a configurable path
 * for sequences longer than {@link ScoringOptions#longSequenceThreshold()} (see
 * {@link LongSequencePaths}), so a path that needs less memory for long inputs can be plugged in.
 *
 * <p>Implementations are shipped to the executors with the tasks and called concurrently by several
 * tasks of one executor, so they must be serialisable and thread-safe (ideally stateless).
 */
public interface ScoringPath extends Serializable {

    /**
     * Scores the sequences of {@code batch}.
     *
     * @param batch          features {@code [batch, channels, time]} with feature mask {@code [batch, time]},
     *                       as {@link ai.lion.spark.data.SequenceReader#batch} builds them; the caller
     *                       releases these arrays
     * @param withEmbeddings whether the pooled embeddings are wanted too
     */
    Predictions score(ScoringModel model, MultiDataSet batch, boolean withEmbeddings);
}
