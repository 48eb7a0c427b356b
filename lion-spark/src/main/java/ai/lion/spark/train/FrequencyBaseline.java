package ai.lion.spark.train;

import ai.lion.spark.data.BatchSpec;
import ai.lion.spark.data.TargetCounts;
import java.io.Serializable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What a model that learned nothing but the frequencies of its targets achieves: the unigram baseline
 * of a masked-language model (targets are token ids) or the class-frequency baseline of a classifier
 * (targets are class labels). It gives every target the probability {@code q(target) = count(target) /
 * all targets} of the training split and always guesses the most frequent one.
 * {@link Evaluator#evaluate(FrequencyBaseline, org.apache.spark.api.java.JavaRDD)} scores it like a
 * network: its loss per target is the cross-entropy {@code -log q(target)} of the evaluated targets
 * (probabilities clipped as for the network), its accuracy the share of targets equal to the most
 * frequent one. Immutable.
 */
public final class FrequencyBaseline implements Serializable {

    private static final long serialVersionUID = 1L;

    private final double[] probabilities;
    private final int mostFrequent;

    private FrequencyBaseline(double[] probabilities, int mostFrequent) {
        this.probabilities = probabilities;
        this.mostFrequent = mostFrequent;
    }

    /**
     * The baseline of target counts.
     *
     * @param counts occurrences of each target (token id or class), indexed by target
     * @throws IllegalArgumentException if no token was counted
     */
    public static FrequencyBaseline of(long[] counts) {
        long total = 0;
        int mostFrequent = 0;
        for (int target = 0; target < counts.length; target++) {
            total += counts[target];
            if (counts[target] > counts[mostFrequent]) {
                mostFrequent = target;
            }
        }
        if (total == 0) {
            throw new IllegalArgumentException("the frequency baseline needs target counts, but no target was counted;"
                    + " the training split is empty or all its rows were skipped");
        }
        double[] probabilities = new double[counts.length];
        for (int target = 0; target < counts.length; target++) {
            probabilities[target] = (double) counts[target] / total;
        }
        return new FrequencyBaseline(probabilities, mostFrequent);
    }

    /**
     * The baseline of the targets of {@code train}, read as {@code spec} reads its rows (same checks,
     * truncation and bad-row policy), in one Spark job.
     */
    public static FrequencyBaseline fromTraining(Dataset<Row> train, BatchSpec spec) {
        return of(TargetCounts.count(train, spec));
    }

    /** The training-split frequency of {@code target}; 0 for one that was never counted. */
    public double probability(int target) {
        return target >= 0 && target < probabilities.length ? probabilities[target] : 0;
    }

    /** The most frequent target (the lowest among equally frequent ones). */
    public int mostFrequent() {
        return mostFrequent;
    }
}
