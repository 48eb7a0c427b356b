package ai.lion.spark.data;

import java.io.Serializable;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.apache.spark.SparkContext;
import org.apache.spark.util.LongAccumulator;

/**
 * How many rows the batcher read and how many it skipped, per {@link RowProblem}, counted with
 * Spark {@link LongAccumulator}s (named {@code lion.data.read} and {@code lion.data.skipped.<PROBLEM>}
 * in the Spark UI).
 *
 * <p>Read the counts on the driver after an action over the minibatches has finished. Like every
 * accumulator updated in a transformation, each evaluation of the RDD adds to them again (and so can
 * a re-run task), so for several passes compare {@link #skippedTotal()} with {@link #read()}, or
 * build fresh minibatches per pass.
 */
public final class RowCounts implements Serializable {

    private static final long serialVersionUID = 1L;

    private final LongAccumulator read;
    private final EnumMap<RowProblem, LongAccumulator> skipped = new EnumMap<>(RowProblem.class);

    private RowCounts(SparkContext context) {
        read = context.longAccumulator("lion.data.read");
        for (RowProblem problem : RowProblem.values()) {
            skipped.put(problem, context.longAccumulator("lion.data.skipped." + problem.name()));
        }
    }

    /** Registers a fresh set of accumulators with {@code context} (on the driver). */
    public static RowCounts register(SparkContext context) {
        return new RowCounts(context);
    }

    void recordRead() {
        read.add(1);
    }

    void recordSkipped(RowProblem problem) {
        skipped.get(problem).add(1);
    }

    /** Rows the batcher has read, good and bad. */
    public long read() {
        return read.value();
    }

    /** Rows skipped because of {@code problem}. */
    public long skipped(RowProblem problem) {
        return skipped.get(problem).value();
    }

    /** Rows skipped for any reason. */
    public long skippedTotal() {
        return skipped.values().stream().mapToLong(LongAccumulator::value).sum();
    }

    /** Skip counts of every problem that occurred, in {@link RowProblem} order. */
    public Map<RowProblem, Long> skippedByProblem() {
        EnumMap<RowProblem, Long> counts = new EnumMap<>(RowProblem.class);
        skipped.forEach((problem, count) -> {
            if (count.value() > 0) {
                counts.put(problem, count.value());
            }
        });
        return Collections.unmodifiableMap(counts);
    }

    @Override
    public String toString() {
        return "read " + read() + " rows, skipped " + skippedTotal() + " " + skippedByProblem();
    }
}
