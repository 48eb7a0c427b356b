package ai.lion.datasets;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import ai.lion.datasets.output.StagedOutput;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the splits of one dataset so that the output directory is either complete or absent.
 *
 * <p>All splits go to the staging directory of a {@link StagedOutput} (beside the output, on the same
 * file system). Each split is written with {@link SaveMode#ErrorIfExists} and counted by reading it back;
 * a count that differs from the expected one is an error. Only then is {@code dataset.json} (read back by
 * {@link DatasetMetadata}) written and the staging directory committed to the output path. On any failure the staging directory is deleted
 * and the output path is left as it was; with {@code overwrite} the old output is replaced only once the
 * new one is complete.
 */
final class DatasetOutput {

    private static final Logger LOG = LoggerFactory.getLogger(DatasetOutput.class);

    /** Writes the splits of a dataset into a {@link DatasetOutput} and returns its metadata. */
    @FunctionalInterface
    interface Body {
        Map<String, Object> write(DatasetOutput output) throws IOException;
    }

    private final SparkSession spark;
    private final PrepareOptions options;
    private final StagedOutput output;
    private final Map<String, SplitReport> splits = new LinkedHashMap<>();

    private DatasetOutput(SparkSession spark, PrepareOptions options, StagedOutput output) {
        this.spark = spark;
        this.options = options;
        this.output = output;
    }

    /**
     * Runs {@code body} against a fresh staging directory and moves the result to
     * {@link PrepareOptions#outputPath()} if, and only if, the body completes.
     *
     * @throws UncheckedIOException with an {@link ai.lion.datasets.output.OutputExistsException} as its cause if
     *                               the output exists and overwrite is not set (checked before {@code body}
     *                               runs, and again before the commit)
     */
    static PrepareReport writeAtomically(SparkSession spark, PrepareOptions options, String dataset, Body body) {
        try {
            StagedOutput output = StagedOutput.begin(options.outputPath(), options.overwrite(),
                    spark.sparkContext().hadoopConfiguration());
            return new DatasetOutput(spark, options, output).run(dataset, body);
        } catch (IOException e) {
            throw new UncheckedIOException("preparing " + dataset + " at " + options.outputPath() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Writes one split as Parquet and checks its row count.
     *
     * @param split        split name, also the sub-directory name
     * @param rows         the rows; they are computed once, during the write
     * @param expectedRows how many rows the split must contain
     */
    SplitReport writeSplit(String split, Dataset<Row> rows, long expectedRows) {
        if (splits.containsKey(split)) {
            throw new IllegalArgumentException("split '" + split + "' was already written to " + output.staging());
        }
        Path stagedSplit = new Path(output.staging(), split);
        long written;
        try (WriteProgress progress = new WriteProgress(spark.sparkContext(), split, expectedRows)) {
            rows.write().mode(SaveMode.ErrorIfExists).parquet(stagedSplit.toString());
            written = spark.read().parquet(stagedSplit.toString()).count();
            if (written != expectedRows) {
                throw new IllegalStateException("split '" + split + "' has " + written + " rows in " + stagedSplit
                        + " but " + expectedRows + " were expected");
            }
            progress.finished(written);
        }
        SplitReport report = new SplitReport(split, new Path(output.target(), split).toString(), written);
        splits.put(split, report);
        return report;
    }

    /** The Spark session the splits are written with. */
    SparkSession spark() {
        return spark;
    }

    /** Partitions (Parquet files) per split: {@link PrepareOptions#partitions()}, or Spark's default parallelism. */
    int partitions() {
        return options.partitions() > 0 ? options.partitions() : spark.sparkContext().defaultParallelism();
    }

    private PrepareReport run(String dataset, Body body) throws IOException {
        Map<String, Object> metadata = new LinkedHashMap<>();
        Map<String, Long> rowCounts = new LinkedHashMap<>();
        output.write(staging -> {
            FileSystem fs = staging.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.mkdirs(staging)) {
                throw new IOException("could not create staging directory " + staging);
            }
            metadata.put("dataset", dataset);
            metadata.put("seed", options.seed());
            metadata.putAll(body.write(this));
            splits.forEach((name, report) -> rowCounts.put(name, report.rows()));
            metadata.put("splits", rowCounts);
            writeMetadata(fs, new Path(staging, DatasetMetadata.FILE_NAME), metadata);
            return rowCounts;
        });
        LOG.info("{} written to {}: {}", dataset, output.target(), rowCounts);
        return new PrepareReport(dataset, output.target().toString(), splits, metadata);
    }

    private static void writeMetadata(FileSystem fs, Path file, Map<String, Object> metadata) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        try (OutputStream out = fs.create(file, false)) {
            json.writeValue(out, metadata);
        }
    }
}
