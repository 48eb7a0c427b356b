package ai.lion.spark.data;

/** What the batcher does with a row that fails validation. */
public enum BadRowPolicy {
    /** Abort the Spark task with a {@link BadRowException} naming the file, the row and the field. */
    FAIL,
    /** Drop the row and count it per {@link RowProblem} in {@link RowCounts}. */
    SKIP
}
