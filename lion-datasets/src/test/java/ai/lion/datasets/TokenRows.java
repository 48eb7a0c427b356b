package ai.lion.datasets;

import org.apache.spark.sql.Row;

import java.util.List;

/** Reads the {@code tokens: array<int>} column of a row read back from Parquet. */
final class TokenRows {

    private TokenRows() {
    }

    static int[] tokens(Row row) {
        List<Integer> values = row.getList(row.fieldIndex("tokens"));
        return values.stream().mapToInt(Integer::intValue).toArray();
    }
}
