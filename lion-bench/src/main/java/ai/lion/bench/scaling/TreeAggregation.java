package ai.lion.bench.scaling;

import java.util.ArrayList;
import java.util.List;

/**
 * How Spark's {@code treeAggregate} combines the results of {@code partitions} tasks at a given depth,
 * level by level, as Spark 3.5's {@code RDD.treeAggregate} does it: with
 * {@code scale = max(ceil(partitions^(1/depth)), 2)}, a level of reducers is inserted while more than
 * {@code scale + ceil(n / scale)} partial results remain, each level dividing their number by
 * {@code scale}; the driver combines what is left.
 *
 * @param partitions tasks whose results are aggregated (the workers), &ge; 1
 * @param depth      the aggregation depth DL4J passes to Spark, &ge; 1
 */
public record TreeAggregation(int partitions, int depth) {

    /** Checks the arguments. */
    public TreeAggregation {
        if (partitions < 1 || depth < 1) {
            throw new IllegalArgumentException("partitions and depth must be at least 1, got " + partitions + " and "
                    + depth);
        }
    }

    /**
     * The results one node receives at each level, from the first level of reducers to the driver (the last
     * entry): the largest fan-in of the level.
     */
    public List<Integer> fanIns() {
        int scale = Math.max((int) Math.ceil(Math.pow(partitions, 1.0 / depth)), 2);
        List<Integer> fanIns = new ArrayList<>();
        int remaining = partitions;
        while (remaining > scale + Math.ceil((double) remaining / scale)) {
            int next = remaining / scale;
            fanIns.add((remaining + next - 1) / next);
            remaining = next;
        }
        fanIns.add(remaining);
        return fanIns;
    }

    /** Results received one after the other on the slowest path from the workers to the driver. */
    public int resultsOnCriticalPath() {
        return fanIns().stream().mapToInt(Integer::intValue).sum();
    }
}
