package ai.lion.jobs;

import ai.lion.jobs.config.ConfigReader;
import ai.lion.jobs.config.InvalidConfigException;
import ai.lion.jobs.config.PrepareConfig;
import ai.lion.jobs.config.SparkConfig;
import ai.lion.jobs.spark.SparkSessions;
import ai.lion.spark.datasets.DatasetPreparer;
import ai.lion.spark.datasets.FashionMnistPreparer;
import ai.lion.spark.datasets.PrepareOptions;
import ai.lion.spark.datasets.PrepareReport;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** {@code lion prepare}: builds the dataset {@code prepare.dataset} as Parquet splits under {@code data.path}. */
final class PrepareJob implements Job {

    private static final Logger LOG = LoggerFactory.getLogger(PrepareJob.class);

    private static final Map<String, DatasetPreparer> PREPARERS = List.<DatasetPreparer>of(new FashionMnistPreparer())
            .stream().collect(Collectors.toMap(DatasetPreparer::name, Function.identity()));

    private final PrepareConfig prepare;
    private final String output;
    private final SparkConfig spark;

    private PrepareJob(PrepareConfig prepare, String output, SparkConfig spark) {
        this.prepare = prepare;
        this.output = output;
        this.spark = spark;
    }

    static Job configure(ConfigReader reader) throws InvalidConfigException {
        PrepareConfig prepare = PrepareConfig.read(reader, PREPARERS.keySet().stream().sorted().toList());
        String output = reader.path("data.path");
        SparkConfig spark = SparkConfig.read(reader);
        reader.throwIfInvalid();
        return new PrepareJob(prepare, output, spark);
    }

    @Override
    public void run() {
        PrepareOptions options = PrepareOptions.builder(output)
                .overwrite(prepare.overwrite())
                .seed(prepare.seed())
                .partitions(prepare.partitions())
                .params(prepare.params())
                .build();
        DatasetPreparer preparer = PREPARERS.get(prepare.dataset());
        try (SparkSession session = SparkSessions.start(spark, "lion-prepare-" + prepare.dataset())) {
            PrepareReport report = preparer.prepare(session, options);
            LOG.info("Prepared {}", report);
        }
    }
}
