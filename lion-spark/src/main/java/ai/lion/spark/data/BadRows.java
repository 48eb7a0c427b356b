package ai.lion.spark.data;

import org.apache.spark.sql.Row;

/**
 * Applies the {@link BadRowPolicy} to the rejected rows of one partition: counts and drops them
 * (SKIP), or fails the task with a {@link BadRowException} naming the file, the row and the column
 * (FAIL).
 */
final class BadRows {

    private final BatchSpec spec;
    private final RowLayout layout;
    private final RowCounts counts;
    private final int partition;

    BadRows(BatchSpec spec, RowLayout layout, RowCounts counts, int partition) {
        this.spec = spec;
        this.layout = layout;
        this.counts = counts;
        this.partition = partition;
    }

    /**
     * Counts the row under SKIP; throws under FAIL.
     *
     * @param rowIndex the row's index in the partition, used when the row has no id
     * @throws BadRowException under {@link BadRowPolicy#FAIL}
     */
    void reject(Row row, long rowIndex, RowDefect defect) {
        if (spec.badRowPolicy() == BadRowPolicy.SKIP) {
            counts.recordSkipped(defect.problem());
            return;
        }
        throw new BadRowException(source(row), rowReference(row, rowIndex), defect.column(), defect.problem(),
                defect.detail());
    }

    private String source(Row row) {
        int column = layout.sourceFile();
        if (column == RowLayout.ABSENT || row.isNullAt(column) || row.getString(column).isEmpty()) {
            return ParquetSource.NO_SOURCE_FILE;
        }
        return row.getString(column);
    }

    private String rowReference(Row row, long rowIndex) {
        int column = layout.id();
        if (column == RowLayout.ABSENT || row.isNullAt(column)) {
            return "row " + rowIndex + " of partition " + partition;
        }
        Object id = row.get(column);
        return id instanceof String ? "id '" + id + "'" : "id " + id;
    }
}
