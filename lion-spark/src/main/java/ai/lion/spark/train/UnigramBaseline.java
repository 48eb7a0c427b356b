package ai.lion.spark.train;

import ai.lion.spark.data.BatchSpec;
import ai.lion.spark.data.TokenCounts;
import java.io.Serializable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What a masked-language model that learned nothing but token frequencies achieves: it gives every
 * masked token the probability {@code q(token) = count(token) / all tokens} of the training split and
 * always guesses the most frequent token. {@link Evaluator#evaluate(UnigramBaseline, org.apache.spark.api.java.JavaRDD)}
 * scores it like a network: its loss per masked token is the cross-entropy {@code -log q(token)} of the
 * evaluated masked tokens (probabilities clipped as for the network), its accuracy the share of masked
 * tokens equal to the most frequent one. Immutable.
 */
public final class UnigramBaseline implements Serializable {

    private static final long serialVersionUID = 1L;

    private final double[] probabilities;
    private final int mostFrequent;

    private UnigramBaseline(double[] probabilities, int mostFrequent) {
        this.probabilities = probabilities;
        this.mostFrequent = mostFrequent;
    }

    /**
     * The baseline of token counts.
     *
     * @param counts occurrences of each token id, indexed by id
     * @throws IllegalArgumentException if no token was counted
     */
    public static UnigramBaseline of(long[] counts) {
        long total = 0;
        int mostFrequent = 0;
        for (int token = 0; token < counts.length; token++) {
            total += counts[token];
            if (counts[token] > counts[mostFrequent]) {
                mostFrequent = token;
            }
        }
        if (total == 0) {
            throw new IllegalArgumentException("the unigram baseline needs token counts, but no token was counted;"
                    + " the training split is empty or all its rows were skipped");
        }
        double[] probabilities = new double[counts.length];
        for (int token = 0; token < counts.length; token++) {
            probabilities[token] = (double) counts[token] / total;
        }
        return new UnigramBaseline(probabilities, mostFrequent);
    }

    /**
     * The baseline of the tokens of {@code train}, read as {@code spec} reads MLM rows (same checks,
     * truncation and bad-row policy), in one Spark job.
     */
    public static UnigramBaseline fromTraining(Dataset<Row> train, BatchSpec spec) {
        return of(TokenCounts.count(train, spec));
    }

    /** The training-split frequency of {@code token}; 0 for an id that was never counted. */
    public double probability(int token) {
        return token >= 0 && token < probabilities.length ? probabilities[token] : 0;
    }

    /** The most frequent token (the lowest id among equally frequent ones). */
    public int mostFrequent() {
        return mostFrequent;
    }
}
