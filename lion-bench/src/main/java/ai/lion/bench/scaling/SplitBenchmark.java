package ai.lion.bench.scaling;

import ai.lion.core.models.LionConfig;
import ai.lion.datasets.FashionMnistPreparer;
import ai.lion.jobs.ExitCode;
import ai.lion.jobs.LionJobs;
import ai.lion.jobs.config.ConfigReader;
import ai.lion.jobs.config.InvalidConfigException;
import ai.lion.jobs.config.JobConfigLoader;
import ai.lion.jobs.config.ModelSection;
import ai.lion.spark.checkpoint.CheckpointStore;
import ai.lion.spark.train.TrainingDefaults;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Where the time of a parameter-averaging split goes: trains the model of a job configuration (the
 * demo's by default) with the train job, in this JVM, for every combination of workers, averaging
 * frequency and batch size, and prints one row per combination. Each combination trains
 * {@code warmupEpochs + 1} epochs of exactly {@code splits × workers × averaging × batch} rows and
 * reports the last epoch from the run's metrics log: examples per second, seconds per split by part,
 * busy workers, the fit time of one minibatch; then it measures the bytes of parameters and updater
 * state one worker returns and the time of one averaging round without fitting ({@link AveragingRound}).
 * The rows also go to a CSV, from which {@link ScalingReport} calibrates the cost model.
 *
 * <pre>{@value BenchOptions#USAGE}</pre>
 * See docs/benchmarks.md for the command line and docs/scaling.md for the model.
 */
public final class SplitBenchmark {

    private SplitBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("SplitBenchmark: " + e.getMessage());
            System.err.print("usage: " + BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        List<SplitMeasurement> rows = run(options);
        System.out.println();
        SplitTable.of(rows).print(System.out);
        SplitMeasurement.writeCsv(options.out(), rows);
        System.out.println("\nRows written to " + options.out().toAbsolutePath());
    }

    private static List<SplitMeasurement> run(BenchOptions options) throws Exception {
        SparkSettings.apply(options);
        LionConfig model = model(options.config());
        int depth = TrainingDefaults.AGGREGATION_DEPTH;
        Path work = options.workDir().orElse(Files.createTempDirectory("split-bench"));
        try {
            BenchData data = data(options, model, work);
            System.out.println("Rows: " + data.describe() + "; work directory " + work);
            writeData(options, data, work);
            List<SplitMeasurement> rows = new ArrayList<>();
            for (int batch : options.batchSizes()) {
                for (int averaging : options.averaging()) {
                    for (int workers : options.workers()) {
                        SplitMeasurement row = measure(options, work, workers, averaging, batch, depth);
                        rows.add(row);
                        SplitTable.of(List.of(row)).print(System.out);
                    }
                }
            }
            return rows;
        } finally {
            if (options.workDir().isEmpty()) {
                deleteTree(work);
            }
        }
    }

    private static SplitMeasurement measure(BenchOptions options, Path work, int workers, int averaging, int batch,
                                            int depth) throws Exception {
        String master = options.masterFor(workers);
        Path root = work.resolve("runs").resolve("w" + workers + "-f" + averaging + "-b" + batch);
        deleteTree(root);
        train(options, dataDirectory(work, options, workers, averaging, batch), root, master, workers, averaging, batch);
        CheckpointStore store = CheckpointStore.open(root.toUri().toString(), new Configuration());
        MeasuredEpoch epoch = MeasuredEpoch.last(store.metricsLog().readAll());
        ComputationGraph graph = store.load(store.latestValid().orElseThrow(
                () -> new IllegalStateException("the training run left no valid checkpoint in " + root))).model().network();
        try (SparkSession session = SparkSession.builder().master(master).appName("split-bench-round").getOrCreate()) {
            AveragingRound round = new AveragingRound(JavaSparkContext.fromSparkContext(session.sparkContext()), graph);
            return new SplitMeasurement(master, workers, averaging, batch, epoch.splits(), epoch.examplesPerSecond(),
                    epoch.perSplit(), epoch.busyWorkers(), epoch.stepSeconds(), graph.numParams(), round.resultBytes(),
                    round.medianSeconds(workers, depth, options.rounds()), depth);
        }
    }

    /** Runs the train job of the configuration file with the benchmark's data, layout and master. */
    private static void train(BenchOptions options, Path data, Path root, String master, int workers, int averaging,
                              int batch) {
        ByteArrayOutputStream results = new ByteArrayOutputStream();
        String[] args = {"train", "--config", options.config().toString(),
            "--set", "data.path=" + data.toUri(),
            "--set", "train.workers=" + workers,
            "--set", "train.averaging-frequency=" + averaging,
            "--set", "train.batch-size-per-worker=" + batch,
            "--set", "train.epochs=" + (options.warmupEpochs() + 1),
            "--set", "checkpoint.path=" + root.toUri(),
            "--set", "spark.master=" + master};
        ExitCode exit = LionJobs.run(args, new PrintStream(results, true, StandardCharsets.UTF_8), System.err);
        if (exit != ExitCode.OK) {
            throw new IllegalStateException("the train job failed (" + exit + ") for " + workers + " workers, averaging"
                    + " frequency " + averaging + ", batch " + batch + " on " + master + "; its message is above");
        }
    }

    private static Path dataDirectory(Path work, BenchOptions options, int workers, int averaging, int batch) {
        return work.resolve("data").resolve("rows-" + trainRows(options, workers, averaging, batch) + "-val-" + batch);
    }

    private static long trainRows(BenchOptions options, int workers, int averaging, int batch) {
        return (long) options.splits() * workers * averaging * batch;
    }

    /** Writes every configuration's rows in one local session, before any training. */
    private static void writeData(BenchOptions options, BenchData data, Path work) {
        try (SparkSession session = SparkSession.builder().master("local[2]").appName("split-bench-data").getOrCreate()) {
            for (int batch : options.batchSizes()) {
                for (int averaging : options.averaging()) {
                    for (int workers : options.workers()) {
                        data.write(session, dataDirectory(work, options, workers, averaging, batch),
                                trainRows(options, workers, averaging, batch), batch);
                    }
                }
            }
        }
    }

    private static BenchData data(BenchOptions options, LionConfig model, Path work) {
        boolean installed = BenchData.fashionMnistInstalled();
        return switch (options.dataset()) {
            case GENERATED -> BenchData.generated(model);
            case AUTO -> installed ? prepareFashionMnist(options, model, work) : BenchData.generated(model);
            case FASHION_MNIST -> {
                if (!installed) {
                    throw new IllegalArgumentException("--dataset fashion-mnist needs the Debian package: "
                            + FashionMnistPreparer.DEBIAN_PACKAGE.status());
                }
                yield prepareFashionMnist(options, model, work);
            }
        };
    }

    /** The configuration's own {@code prepare} step into the work directory (once). */
    private static BenchData prepareFashionMnist(BenchOptions options, LionConfig model, Path work) {
        Path prepared = work.resolve("fashion-mnist");
        if (!Files.isDirectory(prepared.resolve("train"))) {
            String[] args = {"prepare", "--config", options.config().toString(), "--set", "data.path=" + prepared.toUri(),
                "--set", "spark.master=local[2]"};
            ExitCode exit = LionJobs.run(args, System.out, System.err);
            if (exit != ExitCode.OK) {
                throw new IllegalStateException("preparing Fashion-MNIST failed (" + exit + "); its message is above");
            }
        }
        return BenchData.prepared(prepared, model);
    }

    private static LionConfig model(Path config) throws InvalidConfigException {
        if (!Files.isRegularFile(config)) {
            throw new IllegalArgumentException("--config " + config + " does not exist; run from the checkout root or"
                    + " give the path of a job configuration");
        }
        ConfigReader reader = new ConfigReader(JobConfigLoader.fromClasspath().load(Optional.of(config), List.of()));
        Optional<LionConfig> model = ModelSection.read(reader);
        reader.throwIfInvalid();
        return model.orElseThrow();
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
