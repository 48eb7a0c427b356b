package ai.lion.spark.data;

import java.util.Collections;
import java.util.Iterator;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * How often each token id occurs in MLM rows, counted in one Spark job: rows are read as
 * {@link DataFrameBatcher} reads them (schema, checks, truncation to {@code maxLength}, bad-row policy),
 * without masking, and every token of a row counts once. The counts feed the unigram baseline.
 */
public final class TokenCounts {

    private TokenCounts() {
    }

    /**
     * The count of every token id of {@code rows}, indexed by id ({@code spec.vocabularySize()} entries).
     *
     * @throws IllegalArgumentException if {@code spec} is not an MLM spec
     * @throws DataSchemaException      if the sequence column is missing or has the wrong type
     */
    public static long[] count(Dataset<Row> rows, BatchSpec spec) {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(spec, "spec");
        if (spec.kind() != InputKind.MLM) {
            throw new IllegalArgumentException("token counts are taken of MLM rows, got a " + spec.kind() + " spec");
        }
        RowLayout layout = RowLayout.resolve(rows.schema(), spec);
        RowCounts rowCounts = RowCounts.register(rows.sparkSession().sparkContext());
        int vocabulary = spec.vocabularySize();
        return DataFrameBatcher.project(rows, layout).javaRDD()
                .mapPartitionsWithIndex((partition, partitionRows) -> Collections.singletonList(
                        countPartition(spec, layout, new BadRows(spec, layout, rowCounts, partition), partitionRows))
                        .iterator(), false)
                .fold(new long[vocabulary], TokenCounts::plus);
    }

    private static long[] countPartition(BatchSpec spec, RowLayout layout, BadRows badRows, Iterator<Row> rows) {
        RowDecoder decoder = new RowDecoder(spec, layout);
        long[] counts = new long[spec.vocabularySize()];
        for (long index = 0; rows.hasNext(); index++) {
            Row row = rows.next();
            try {
                for (int token : decoder.tokens(row)) {
                    counts[token]++;
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
