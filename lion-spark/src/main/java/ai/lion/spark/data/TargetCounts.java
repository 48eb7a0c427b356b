package ai.lion.spark.data;

import java.util.Collections;
import java.util.Iterator;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * How often each prediction target occurs in rows, counted in one Spark job: the token ids of MLM rows
 * (every token of a row once, without masking), or the class labels of classification rows. Rows are
 * read as {@link DataFrameBatcher} reads them (schema, checks, truncation to {@code maxLength}, bad-row
 * policy). The counts feed the frequency baseline.
 */
public final class TargetCounts {

    private TargetCounts() {
    }

    /**
     * The count of every target of {@code rows}, indexed by token id ({@code spec.vocabularySize()}
     * entries) for MLM, by class ({@code spec.numClasses()} entries) for classification.
     *
     * @throws DataSchemaException if a column is missing or has the wrong type
     */
    public static long[] count(Dataset<Row> rows, BatchSpec spec) {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(spec, "spec");
        RowLayout layout = RowLayout.resolve(rows.schema(), spec);
        RowCounts rowCounts = RowCounts.register(rows.sparkSession().sparkContext());
        int targets = spec.kind() == InputKind.MLM ? spec.vocabularySize() : spec.numClasses();
        return DataFrameBatcher.project(rows, layout).javaRDD()
                .mapPartitionsWithIndex((partition, partitionRows) -> Collections.singletonList(
                        countPartition(spec, layout, new BadRows(spec, layout, rowCounts, partition), partitionRows,
                                targets)).iterator(), false)
                .fold(new long[targets], TargetCounts::plus);
    }

    private static long[] countPartition(BatchSpec spec, RowLayout layout, BadRows badRows, Iterator<Row> rows,
                                         int targets) {
        RowDecoder decoder = new RowDecoder(spec, layout);
        long[] counts = new long[targets];
        for (long index = 0; rows.hasNext(); index++) {
            Row row = rows.next();
            try {
                if (spec.kind() == InputKind.MLM) {
                    for (int token : decoder.tokens(row)) {
                        counts[token]++;
                    }
                } else {
                    counts[decoder.decode(row).label()]++;
                }
            } catch (RowDefect defect) {
                badRows.reject(row, index, defect);
            }
        }
        return counts;
    }

    private static long[] plus(long[] a, long[] b) {
        long[] sum = a.clone();
        for (int i = 0; i < sum.length; i++) {
            sum[i] += b[i];
        }
        return sum;
    }
}
