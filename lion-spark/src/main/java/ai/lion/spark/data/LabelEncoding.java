package ai.lion.spark.data;

/**
 * How labels are laid out in a minibatch.
 *
 * <p>{@link #ONE_HOT} is what DL4J's {@code MCXENT} loss expects. For masked-language modelling it
 * costs {@code batch × vocabularySize × time} floats per minibatch (32 × 30,000 × 512 floats are
 * about 2 GB), so large vocabularies should use {@link #INDEX} with {@code LossSparseMCXENT}.
 */
public enum LabelEncoding {
    /** Classification: {@code [batch, classes]}; MLM: {@code [batch, vocabularySize, time]}. */
    ONE_HOT,
    /** Class or token index stored as a float: classification {@code [batch, 1]}; MLM {@code [batch, 1, time]}. */
    INDEX
}
