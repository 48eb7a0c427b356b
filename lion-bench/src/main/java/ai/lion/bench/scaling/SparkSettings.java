package ai.lion.bench.scaling;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import java.util.stream.Collectors;

/** The Spark settings of every session the split benchmark starts, as system properties (where SparkConf reads them). */
final class SparkSettings {

    private SparkSettings() {
    }

    /**
     * Sets the spark-defaults file's settings as system properties (where every SparkConf reads them) unless
     * already set; a local-cluster master also gets this JVM's classpath as the executors' classpath.
     */
    static void apply(BenchOptions options) throws IOException {
        if (options.sparkDefaults().isPresent()) {
            Properties defaults = new Properties();
            try (InputStream in = Files.newInputStream(options.sparkDefaults().get())) {
                defaults.load(in);
            }
            defaults.stringPropertyNames().forEach(key -> {
                if (System.getProperty(key) == null) {
                    System.setProperty(key, defaults.getProperty(key).strip());
                }
            });
        }
        if (options.master().filter(master -> master.startsWith("local-cluster")).isPresent()) {
            String home = System.getenv("SPARK_HOME");
            if (home == null || !Files.isDirectory(Path.of(home, "jars"))) {
                throw new IllegalArgumentException("--master " + options.master().get() + " launches executors from"
                        + " $SPARK_HOME/jars (SPARK_HOME=" + home + "); set SPARK_HOME=spark-dist/target/spark-home");
            }
            if (System.getProperty("spark.executor.extraClassPath") == null) {
                // executors start in their own work directories: relative entries must become absolute
                System.setProperty("spark.executor.extraClassPath", Arrays.stream(System.getProperty("java.class.path")
                        .split(File.pathSeparator)).map(entry -> Path.of(entry).toAbsolutePath().toString())
                        .collect(Collectors.joining(File.pathSeparator)));
            }
        }
    }
}
