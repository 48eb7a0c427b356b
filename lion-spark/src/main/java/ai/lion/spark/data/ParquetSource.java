package ai.lion.spark.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
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

    /**
     * Reads the Parquet files or directories at {@code paths} and adds {@link #SOURCE_FILE_COLUMN}.
     *
     * @throws MissingInputException if a path does not exist or holds no data file (Spark would only say
     *                               that it cannot infer a schema)
     */
    public static Dataset<Row> read(SparkSession spark, String... paths) {
        if (paths.length == 0) {
            throw new IllegalArgumentException("at least one Parquet path is required");
        }
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        for (String path : paths) {
            requireData(new Path(path), conf);
        }
        return spark.read().parquet(paths).withColumn(SOURCE_FILE_COLUMN, functions.input_file_name());
    }

    /** Checks that {@code path} (a file, a directory or a glob) names at least one data file. */
    private static void requireData(Path path, Configuration conf) {
        try {
            FileSystem fs = path.getFileSystem(conf);
            Path qualified = fs.makeQualified(path);
            FileStatus[] matches = fs.globStatus(qualified);
            if (matches == null || matches.length == 0) {
                throw new MissingInputException(qualified.toString(), "does not exist");
            }
            for (FileStatus match : matches) {
                if (match.isFile() || holdsDataFile(fs, match.getPath())) {
                    return;
                }
            }
            throw new MissingInputException(qualified.toString(), "holds no data files (an empty directory)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the Parquet input " + path + ": " + e.getMessage(), e);
        }
    }

    /** Whether the directory holds a file Spark reads: none of its path below {@code dir} starts with _ or . */
    private static boolean holdsDataFile(FileSystem fs, Path dir) throws IOException {
        int depth = dir.depth();
        RemoteIterator<LocatedFileStatus> files = fs.listFiles(dir, true);
        while (files.hasNext()) {
            Path file = files.next().getPath();
            if (isVisible(file, depth)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isVisible(Path file, int rootDepth) {
        for (Path p = file; p != null && p.depth() > rootDepth; p = p.getParent()) {
            if (p.getName().startsWith("_") || p.getName().startsWith(".")) {
                return false;
            }
        }
        return true;
    }
}
