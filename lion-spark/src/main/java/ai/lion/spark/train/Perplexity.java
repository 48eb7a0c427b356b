package ai.lion.spark.train;

import java.util.Locale;

/**
 * Perplexity, the figure a language model's loss is read by: {@code exp(loss)} of a mean cross-entropy in
 * nats, the number of equally likely tokens the model is as unsure as (the vocabulary size for a uniform
 * guess, 1 for certainty).
 */
public final class Perplexity {

    private Perplexity() {
    }

    /** {@code exp(loss)}. */
    public static double of(double loss) {
        return Math.exp(loss);
    }

    /** The loss with its perplexity beside it, for people: {@code "2.3026 (perplexity 10.00)"}. */
    public static String describe(double loss) {
        return String.format(Locale.ROOT, "%.4f (perplexity %.2f)", loss, of(loss));
    }
}
