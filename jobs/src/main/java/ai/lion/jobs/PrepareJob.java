package ai.lion.jobs;

import ai.lion.jobs.config.ConfigReader;
import ai.lion.jobs.config.InvalidConfigException;
import ai.lion.jobs.config.PrepareConfig;
import ai.lion.jobs.config.SparkConfig;
import ai.lion.jobs.spark.SparkSessions;
import ai.lion.datasets.DatasetPreparers;
import ai.lion.datasets.FashionMnistConfig;
import ai.lion.datasets.FashionMnistPreparer;
import ai.lion.datasets.ListOpsConfig;
import ai.lion.datasets.ListOpsPreparer;
import ai.lion.datasets.PrepareOptions;
import ai.lion.datasets.PrepareReport;
import ai.lion.datasets.TextMlmConfig;
import ai.lion.datasets.TextMlmPreparer;
import org.apache.spark.sql.SparkSession;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code lion prepare}: builds the dataset {@code prepare.dataset} as Parquet splits under {@code data.path}.
 *
 * @param prepare the validated {@code prepare} section
 * @param options what the dataset's preparer is given
 * @param spark   the session settings
 */
record PrepareJob(PrepareConfig prepare, PrepareOptions options, SparkConfig spark) implements Job {

    /**
     * The datasets' own parameter parsers, run while the configuration is checked so that a bad
     * {@code prepare.params} entry stops the job before Spark starts (the preparers parse them again).
     */
    private static final Map<String, Consumer<Map<String, String>>> PARAMETER_CHECKS = Map.of(
            FashionMnistPreparer.NAME, FashionMnistConfig::fromParams,
            ListOpsPreparer.NAME, ListOpsConfig::fromParams,
            TextMlmPreparer.NAME, TextMlmConfig::fromParams);

    static Job configure(ConfigReader reader) throws InvalidConfigException {
        PrepareConfig prepare = PrepareConfig.read(reader, List.copyOf(DatasetPreparers.names()));
        String output = reader.path("data.path");
        SparkConfig spark = SparkConfig.read(reader);
        if (reader.valid("prepare.dataset", "prepare.params")) {
            try {
                PARAMETER_CHECKS.getOrDefault(prepare.dataset(), params -> { }).accept(prepare.params());
            } catch (IllegalArgumentException e) {
                reader.rejectSection("prepare.params", e.getMessage());
            }
        }
        reader.throwIfInvalid();
        PrepareOptions options = PrepareOptions.builder(output)
                .overwrite(prepare.overwrite())
                .seed(prepare.seed())
                .partitions(prepare.partitions())
                .params(prepare.params())
                .build();
        return new PrepareJob(prepare, options, spark);
    }

    @Override
    public void run(PrintStream out) {
        try (SparkSession session = SparkSessions.start(spark, "lion-prepare-" + prepare.dataset())) {
            PrepareReport report = DatasetPreparers.named(prepare.dataset()).prepare(session, options);
            out.println("Prepared " + report);
        }
    }
}
