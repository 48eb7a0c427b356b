package ai.lion.datasets;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
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
import java.util.UUID;

/**
 * Writes the splits of one dataset so that the output directory is either complete or absent.
 *
 * <p>All splits go to a hidden staging directory beside the output ({@code .<name>.staging-<uuid>}, on
 * the same file system). Each split is written with {@link SaveMode#ErrorIfExists} and counted by
 * reading it back; a count that differs from the expected one is an error. Only then is
 * {@code dataset.json} written and the staging directory renamed to the output path. On any failure the
 * staging directory is deleted and the output path is left as it was. With {@code overwrite} the old
 * output is deleted just before the rename, so readers may briefly see no output, never a partial one.
 * The rename is atomic on HDFS and on local file systems; on object stores such as {@code s3a://} it is
 * a copy, so a crash during the rename can leave a partial output there.
 */
final class DatasetOutput {

    /** Name of the JSON file, in the output directory, that describes the dataset. */
    static final String METADATA_FILE = "dataset.json";

    private static final Logger LOG = LoggerFactory.getLogger(DatasetOutput.class);

    /** Writes the splits of a dataset into a {@link DatasetOutput} and returns its metadata. */
    @FunctionalInterface
    interface Body {
        Map<String, Object> write(DatasetOutput output) throws IOException;
    }

    private final SparkSession spark;
    private final PrepareOptions options;
    private final FileSystem fs;
    private final Path target;
    private final Path staging;
    private final Map<String, SplitReport> splits = new LinkedHashMap<>();

    private DatasetOutput(SparkSession spark, PrepareOptions options, FileSystem fs, Path target, Path staging) {
        this.spark = spark;
        this.options = options;
        this.fs = fs;
        this.target = target;
        this.staging = staging;
    }

    /**
     * Runs {@code body} against a fresh staging directory and moves the result to
     * {@link PrepareOptions#outputPath()} if, and only if, the body completes.
     *
     * @throws IllegalStateException if the output exists and overwrite is not set (checked before
     *                               {@code body} runs, and again before the rename)
     */
    static PrepareReport writeAtomically(SparkSession spark, PrepareOptions options, String dataset, Body body) {
        try {
            Path requested = new Path(options.outputPath());
            FileSystem fs = requested.getFileSystem(spark.sparkContext().hadoopConfiguration());
            Path target = fs.makeQualified(requested);
            if (target.getParent() == null) {
                throw new IllegalArgumentException("the output path must not be a file system root: " + target);
            }
            refuseExisting(fs, target, options.overwrite());
            Path staging = new Path(target.getParent(), "." + target.getName() + ".staging-" + UUID.randomUUID());
            DatasetOutput output = new DatasetOutput(spark, options, fs, target, staging);
            return output.run(dataset, body);
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
            throw new IllegalArgumentException("split '" + split + "' was already written to " + staging);
        }
        Path stagedSplit = new Path(staging, split);
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
        SplitReport report = new SplitReport(split, new Path(target, split).toString(), written);
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
        if (!fs.mkdirs(staging)) {
            throw new IOException("could not create staging directory " + staging);
        }
        boolean committed = false;
        try {
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("dataset", dataset);
            metadata.put("seed", options.seed());
            metadata.putAll(body.write(this));
            Map<String, Long> rowCounts = new LinkedHashMap<>();
            splits.forEach((name, report) -> rowCounts.put(name, report.rows()));
            metadata.put("splits", rowCounts);
            writeMetadata(metadata);
            commit(options.overwrite());
            committed = true;
            LOG.info("{} written to {}: {}", dataset, target, rowCounts);
            return new PrepareReport(dataset, target.toString(), splits, metadata);
        } finally {
            // Spark rethrows task failures as (undeclared, checked) SparkException: clean up on anything
            if (!committed) {
                deleteStaging();
            }
        }
    }

    private void writeMetadata(Map<String, Object> metadata) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        try (OutputStream out = fs.create(new Path(staging, METADATA_FILE), false)) {
            json.writeValue(out, metadata);
        }
    }

    private void commit(boolean overwrite) throws IOException {
        refuseExisting(fs, target, overwrite);
        if (fs.exists(target) && !fs.delete(target, true)) {
            throw new IOException("could not delete the previous output " + target);
        }
        if (!fs.rename(staging, target)) {
            throw new IOException("could not rename " + staging + " to " + target);
        }
    }

    private void deleteStaging() {
        try {
            fs.delete(staging, true);
        } catch (IOException e) {
            LOG.warn("could not delete staging directory {}: {}", staging, e.toString());
        }
    }

    private static void refuseExisting(FileSystem fs, Path target, boolean overwrite) throws IOException {
        if (!overwrite && fs.exists(target)) {
            throw new IllegalStateException("output path " + target
                    + " already exists; remove it or ask for overwrite");
        }
    }
}
