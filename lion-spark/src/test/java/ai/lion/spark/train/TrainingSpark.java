package ai.lion.spark.train;

import org.apache.spark.sql.SparkSession;

/** Real Spark sessions for the trainer tests. */
final class TrainingSpark {

    private TrainingSpark() {
    }

    /** A fresh local[2] session without UI; stop it after the test class. */
    static SparkSession local(Class<?> testClass) {
        return configured(testClass, "local[2]").getOrCreate();
    }

    static SparkSession.Builder configured(Class<?> testClass, String master) {
        return SparkSession.builder()
                .master(master)
                .appName(testClass.getSimpleName())
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4");
    }
}
