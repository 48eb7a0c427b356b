package ai.lion.jobs.spark;

import ai.lion.core.runtime.CachingShapeInfoProvider;
import ai.lion.jobs.config.SparkConfig;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * Creates the job's SparkSession from the {@code spark} configuration section. The master is the one
 * spark-submit set ({@code spark.master}); {@link SparkConfig#master()} is used only when there is
 * none, i.e. when the main class runs without spark-submit. The application name and the extra
 * settings of {@code spark.conf} are applied like settings made in application code: they win over
 * {@code spark-defaults.conf} and {@code --conf}.
 */
public final class SparkSessions {

    private static final Logger LOG = LoggerFactory.getLogger(SparkSessions.class);

    private SparkSessions() {
    }

    /** Starts (or joins) the session for a job; {@code defaultAppName} applies when no name is configured. */
    public static SparkSession start(SparkConfig config, String defaultAppName) {
        SparkConf conf = sparkConf(config, defaultAppName, new SparkConf());
        LOG.info("Starting Spark: master {}, application {}", conf.get("spark.master"), conf.get("spark.app.name"));
        if (!CachingShapeInfoProvider.isActive()) {
            LOG.warn("ND4J runs without the shape-information cache, so training and scoring are slower: start the "
                    + "JVM with {} (bin/lion does)", CachingShapeInfoProvider.JVM_FLAG);
        }
        return SparkSession.builder().config(conf).getOrCreate();
    }

    /**
     * The Hadoop configuration the session's file systems will use ({@code spark.hadoop.*} settings
     * applied), for reading files before Spark starts.
     */
    public static Configuration hadoopConfiguration(SparkConfig config) {
        Configuration hadoop = new Configuration();
        for (Tuple2<String, String> setting : sparkConf(config, "lion", new SparkConf()).getAllWithPrefix("spark.hadoop.")) {
            hadoop.set(setting._1(), setting._2());
        }
        return hadoop;
    }

    /**
     * The settings of the session: {@code submitted} (what spark-submit put into system properties)
     * with the master filled in if missing, the application name and {@code spark.conf} applied.
     */
    public static SparkConf sparkConf(SparkConfig config, String defaultAppName, SparkConf submitted) {
        SparkConf conf = submitted.clone();
        if (!conf.contains("spark.master")) {
            conf.setMaster(config.master());
        }
        conf.setAppName(config.appName().orElse(defaultAppName));
        config.conf().forEach(conf::set);
        return conf;
    }
}
