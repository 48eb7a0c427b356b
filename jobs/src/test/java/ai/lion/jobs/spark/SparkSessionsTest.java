package ai.lion.jobs.spark;

import ai.lion.jobs.config.SparkConfig;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SparkSessionsTest {

    private static final SparkConfig CONFIG = new SparkConfig("local[2]", Optional.empty(),
            Map.of("spark.sql.shuffle.partitions", "3", "spark.ui.enabled", "false"));

    @Test
    void theMasterOfSparkSubmitWins() {
        SparkConf submitted = new SparkConf(false).setMaster("yarn").set("spark.sql.shuffle.partitions", "50");
        SparkConf conf = SparkSessions.sparkConf(CONFIG, "lion-train", submitted);
        assertEquals("yarn", conf.get("spark.master"));
        assertEquals("3", conf.get("spark.sql.shuffle.partitions"));
        assertEquals("50", submitted.get("spark.sql.shuffle.partitions"));
    }

    @Test
    void withoutSparkSubmitTheConfiguredMasterAndNameApply() {
        SparkConf conf = SparkSessions.sparkConf(CONFIG, "lion-train", new SparkConf(false));
        assertEquals("local[2]", conf.get("spark.master"));
        assertEquals("lion-train", conf.get("spark.app.name"));
        SparkConfig named = new SparkConfig("local[2]", Optional.of("demo"), Map.of());
        assertEquals("demo", SparkSessions.sparkConf(named, "lion-train", new SparkConf(false)).get("spark.app.name"));
    }

    @Test
    void theHadoopConfigurationBeforeTheSessionHasTheSessionsHadoopSettings() {
        SparkConfig config = new SparkConfig("local[2]", Optional.empty(),
                Map.of("spark.ui.enabled", "false", "spark.hadoop.lion.test.setting", "from-spark-conf"));

        String before = SparkSessions.hadoopConfiguration(config).get("lion.test.setting");

        assertEquals("from-spark-conf", before);
        try (SparkSession spark = SparkSessions.start(config, "lion-test")) {
            assertEquals(before, spark.sparkContext().hadoopConfiguration().get("lion.test.setting"));
        }
    }

    @Test
    void aRealSessionGetsTheSettings() {
        try (SparkSession spark = SparkSessions.start(CONFIG, "lion-test")) {
            assertEquals("local[2]", spark.sparkContext().master());
            assertEquals("lion-test", spark.sparkContext().appName());
            assertEquals("3", spark.conf().get("spark.sql.shuffle.partitions"));
        }
    }
}
