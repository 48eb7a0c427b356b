package ai.lion.core.models;

import static ai.lion.core.models.Checks.positive;

import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Sequences of token ids from a vocabulary of {@code vocabSize} entries, at most {@code maxLength}
 * long.
 *
 * <p>The model input is {@code [batch, maxLength]} (or {@code [batch, 1, maxLength]}) holding the
 * token ids as floating-point numbers; shorter sequences are padded and described by a DL4J feature
 * mask {@code [batch, maxLength]} (1 = real token, 0 = padding).
 *
 * @param vocabSize number of distinct token ids, {@code 0..vocabSize-1}
 * @param maxLength sequence length the model is built for
 */
public record TokenInput(
        @JsonProperty("vocabSize") int vocabSize,
        @JsonProperty("maxLength") int maxLength) implements InputSpec {

    /** Validates the sizes. */
    public TokenInput {
        if (vocabSize < 2) {
            throw new IllegalArgumentException("vocabSize must be at least 2, got " + vocabSize);
        }
        positive("maxLength", maxLength);
    }

    @Override
    public int sequenceLength() {
        return maxLength;
    }
}
