package ai.lion.jobs.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code spark} section: how the job's SparkSession is set up.
 *
 * @param master  master URL used only when spark-submit did not set {@code spark.master}
 * @param appName application name; empty: {@code lion-<command>}
 * @param conf    extra Spark settings ({@code spark.*} keys), applied to the session
 */
public record SparkConfig(String master, Optional<String> appName, Map<String, String> conf) {

    public SparkConfig {
        conf = Collections.unmodifiableMap(new LinkedHashMap<>(conf));
    }

    /** Reads and checks the section; problems are recorded in {@code reader}. */
    public static SparkConfig read(ConfigReader reader) {
        Map<String, String> conf = reader.flatStringMap("spark.conf");
        conf.keySet().stream().filter(key -> !key.startsWith("spark."))
                .forEach(key -> reader.rejectSection("spark.conf",
                        "'" + key + "' is not a Spark setting; Spark settings start with 'spark.'"));
        return new SparkConfig(reader.string("spark.master"), reader.optionalString("spark.app-name"), conf);
    }
}
