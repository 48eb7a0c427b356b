package ai.lion.datasets;

import org.apache.spark.sql.SparkSession;

/** The Spark session of a test class: {@code local[2]}, no UI, few shuffle partitions, quiet logs. */
public final class LocalSpark {

    private LocalSpark() {
    }

    public static SparkSession start(Class<?> testClass) {
        SparkSession spark = SparkSession.builder()
                .master("local[2]")
                .appName(testClass.getSimpleName())
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }
}
