package ai.lion.spark.data;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Reads training data from Parquet and remembers which file every row came from, so that a bad
 * row can be reported with its file even after the rows have been shuffled across partitions.
 */
public final class ParquetSource {

    /** Column holding each row's source file ({@code input_file_name()}), captured at read time. */
    public static final String SOURCE_FILE_COLUMN = "_source_file";
    /** Source named in error messages for rows of a DataFrame without {@link #SOURCE_FILE_COLUMN}. */
    public static final String NO_SOURCE_FILE = "<dataframe>";

    private ParquetSource() {
    }

    /** Reads the Parquet files or directories at {@code paths} and adds {@link #SOURCE_FILE_COLUMN}. */
    public static Dataset<Row> read(SparkSession spark, String... paths) {
        if (paths.length == 0) {
            throw new IllegalArgumentException("at least one Parquet path is required");
        }
        return spark.read().parquet(paths).withColumn(SOURCE_FILE_COLUMN, functions.input_file_name());
    }
}
