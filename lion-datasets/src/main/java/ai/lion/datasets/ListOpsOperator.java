package ai.lion.datasets;

import java.util.Arrays;

/** The four ListOps operators; each takes one or more digits and yields a digit. */
public enum ListOpsOperator {
    /** The largest argument. */
    MAX,
    /** The smallest argument. */
    MIN,
    /**
     * The median: the middle argument in sorted order, or for an even count the mean of the two middle
     * ones rounded down (so {@code [MED 1 4 ]} is 2).
     */
    MED,
    /** The sum of the arguments modulo 10. */
    SM;

    /** The token that opens an application of this operator, e.g. {@code [MAX}. */
    public String openToken() {
        return "[" + name();
    }

    /** Applies the operator to {@code args[0 .. count)}, digits 0..9. */
    public int apply(int[] args, int count) {
        if (count < 1) {
            throw new IllegalArgumentException(name() + " needs at least one argument");
        }
        return switch (this) {
            case MAX -> Arrays.stream(args, 0, count).max().getAsInt();
            case MIN -> Arrays.stream(args, 0, count).min().getAsInt();
            case MED -> {
                int[] sorted = Arrays.copyOf(args, count);
                Arrays.sort(sorted);
                yield (sorted[(count - 1) / 2] + sorted[count / 2]) / 2;
            }
            case SM -> Arrays.stream(args, 0, count).sum() % 10;
        };
    }
}
