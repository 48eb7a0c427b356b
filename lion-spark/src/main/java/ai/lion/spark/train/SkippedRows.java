package ai.lion.spark.train;

import ai.lion.spark.data.RowProblem;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Rows the batcher skipped ({@code BadRowPolicy.SKIP}) in one epoch, or summed over several, per
 * {@link RowProblem} and split; problems that did not occur are absent.
 *
 * @param train      skipped rows of the training split
 * @param validation skipped rows of the validation split
 */
public record SkippedRows(Map<RowProblem, Long> train, Map<RowProblem, Long> validation) {

    /** Nothing skipped. */
    public static final SkippedRows NONE = new SkippedRows(Map.of(), Map.of());

    /** Copies the maps, leaving out zero counts. */
    public SkippedRows {
        train = nonZero(train);
        validation = nonZero(validation);
    }

    /** Whether any row was skipped. */
    public boolean any() {
        return !train.isEmpty() || !validation.isEmpty();
    }

    /** The counts of this and {@code other} added up. */
    public SkippedRows plus(SkippedRows other) {
        return new SkippedRows(sum(train, other.train), sum(validation, other.validation));
    }

    /** {@code train {NON_FINITE_VALUE=2}, validation {}}: the form of the progress line and the summary. */
    public String describe() {
        return "train " + train + ", validation " + validation;
    }

    private static Map<RowProblem, Long> sum(Map<RowProblem, Long> a, Map<RowProblem, Long> b) {
        EnumMap<RowProblem, Long> sum = new EnumMap<>(RowProblem.class);
        sum.putAll(a);
        b.forEach((problem, count) -> sum.merge(problem, count, Long::sum));
        return sum;
    }

    private static Map<RowProblem, Long> nonZero(Map<RowProblem, Long> counts) {
        EnumMap<RowProblem, Long> kept = new EnumMap<>(RowProblem.class);
        counts.forEach((problem, count) -> {
            if (count != 0) {
                kept.put(problem, count);
            }
        });
        return Collections.unmodifiableMap(kept);
    }
}
