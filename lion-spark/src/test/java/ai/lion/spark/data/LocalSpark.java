package ai.lion.spark.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/** Test support: a real local[2] Spark session and helpers to look at what jobs produced. */
final class LocalSpark {

    private LocalSpark() {
    }

    /** A fresh local[2] session without UI and with few shuffle partitions; stop it after the class. */
    static SparkSession start(Class<?> testClass) {
        SparkSession spark = SparkSession.builder()
                .master("local[2]")
                .appName(testClass.getSimpleName())
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }

    /** Runs {@code job} and returns the {@link BadRowException} that made it fail. */
    static BadRowException badRow(Runnable job) {
        try {
            job.run();
        } catch (Exception e) { // Spark rethrows task failures as a checked SparkException
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BadRowException bad) {
                    return bad;
                }
            }
            throw new AssertionError("the job failed, but not with a BadRowException", e);
        }
        throw new AssertionError("the job succeeded; a BadRowException was expected");
    }

    /** Collects the minibatches in partition order. */
    static List<MultiDataSet> collect(Minibatches batches) {
        return new ArrayList<>(batches.rdd().collect());
    }

    /** A DataFrame holding {@code rows} in one partition, in the given order. */
    static Dataset<Row> frame(SparkSession spark, StructType schema, List<Row> rows) {
        return spark.createDataFrame(rows, schema).coalesce(1);
    }

    /** A list that may hold nulls, for array columns. */
    @SafeVarargs
    static <T> List<T> seq(T... values) {
        return Arrays.asList(values);
    }
}
