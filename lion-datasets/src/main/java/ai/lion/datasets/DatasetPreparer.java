package ai.lion.datasets;

import org.apache.spark.sql.SparkSession;

/** Turns one dataset into Parquet splits under {@link PrepareOptions#outputPath()}. */
public interface DatasetPreparer {

    /** The name the {@code prepare} job selects this dataset by, e.g. {@code fashion-mnist}. */
    String name();

    /** One line saying what the dataset is and which parameters it accepts. */
    String description();

    /**
     * Writes every split, or nothing: the output directory appears only once all splits are complete.
     *
     * @throws IllegalArgumentException if a parameter is unknown or invalid
     * @throws IllegalStateException if the output exists and {@link PrepareOptions#overwrite()} is false
     * @throws java.io.UncheckedIOException if an input cannot be read or is malformed
     */
    PrepareReport prepare(SparkSession spark, PrepareOptions options);
}
