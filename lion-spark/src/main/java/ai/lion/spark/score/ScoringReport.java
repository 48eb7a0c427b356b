package ai.lion.spark.score;

import ai.lion.spark.data.RowProblem;
import java.util.Map;

/**
 * The outcome of a scoring run written by {@link BatchScorer#writeParquet}.
 *
 * @param output         where the predictions were written
 * @param rowsRead       input rows read
 * @param rowsScored     rows written with a prediction
 * @param skipped        rows skipped per problem (only under {@link ai.lion.spark.data.BadRowPolicy#SKIP})
 * @param elapsedSeconds wall-clock time of the Spark job
 */
public record ScoringReport(String output, long rowsRead, long rowsScored, Map<RowProblem, Long> skipped,
                            double elapsedSeconds) {

    public ScoringReport {
        skipped = Map.copyOf(skipped);
    }

    /** Rows scored per second of wall-clock time. */
    public double rowsPerSecond() {
        return rowsScored / Math.max(elapsedSeconds, 1e-9);
    }
}
