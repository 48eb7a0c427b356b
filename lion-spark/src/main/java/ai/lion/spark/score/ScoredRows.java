package ai.lion.spark.score;

import ai.lion.spark.data.RowCounts;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The lazily scored rows and the counters their evaluation fills (valid once an action has run).
 *
 * @param rows      the kept input columns plus the output columns; computed when an action runs
 * @param rowCounts rows read and skipped per problem (see {@link ai.lion.spark.data.BadRowPolicy})
 * @param progress  rows scored
 */
public record ScoredRows(Dataset<Row> rows, RowCounts rowCounts, ScoringProgress progress) {
}
