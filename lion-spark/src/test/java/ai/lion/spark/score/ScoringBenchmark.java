package ai.lion.spark.score;

import ai.lion.core.attention.Form;
import ai.lion.core.models.AdamW;
import ai.lion.core.models.LionConfig;
import ai.lion.core.models.LionModel;
import ai.lion.core.models.LionModels;
import ai.lion.core.models.LionVariant;
import ai.lion.core.models.Provenance;
import ai.lion.spark.data.DataSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.JavaSparkStatusTracker;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.bytedeco.javacpp.Pointer;

/**
 * Measures batch scoring on {@code local[2]}: rows per second and the peak memory of the JVM, which
 * in local mode is the executor. Rows of random token ids are generated on the executors, scored by
 * {@link BatchScorer#writeParquet} into a temporary directory, and the table is printed.
 *
 * <pre>
 * ScoringBenchmark [--scale S] [--rows WORKLOAD=N]... [--long-length L] [--model PATH --vocab V --classes C]
 *                  [--trace-memory SECONDS]
 * </pre>
 * Without {@code --model} the LION token classifier of {@link #defaultModel} is built with
 * {@link LionModels}, saved as a {@link LionModel} file and scored. The workloads: 1,000,000 rows of
 * 256 tokens in minibatches of 64 ({@code short}); 1,000 rows of 16,384 tokens routed to the
 * long-sequence path (threshold 4,096) in CHUNK form, chunk 256 ({@code long-chunk}), and in ATTENTION
 * form ({@code long-attention}). {@code --scale} multiplies every row count (e.g. 0.01 for a quick
 * run); {@code --rows} sets one workload's row count instead (0 leaves it out); {@code --long-length}
 * sets the length of the long workloads (their threshold is a quarter of it); {@code --trace-memory}
 * also prints the memory, the finished tasks and the live task threads every so many
 * seconds, to tell memory that grows with the rows from memory that levels off. See docs/benchmarks.md.
 */
public final class ScoringBenchmark {

    private record Workload(String name, long rows, int length, int threshold, Form form, int batchSize) {

        Workload withRows(long count) {
            return new Workload(name, count, length, threshold, form, batchSize);
        }
    }

    private record Result(Workload workload, long rows, double seconds, long peakRss, long peakHeap,
                          long peakOffHeap) {
    }

    private ScoringBenchmark() {
    }

    /**
     * The model scored without {@code --model}: LION-S (selective decay), token input (vocabulary
     * {@code vocabulary}, up to {@code maxLength} tokens), width 128, depth 2, 4 heads, MLP ratio 4,
     * ATTENTION training form, mean pooling, no positional embedding, {@code classes} classes; freshly
     * initialised (speed does not depend on the parameter values).
     */
    static LionConfig defaultModel(int vocabulary, int classes, int maxLength) {
        return LionConfig.builder().variant(LionVariant.SELECTIVE).width(128).depth(2).heads(4).mlpRatio(4)
                .tokens(vocabulary, maxLength).numClasses(classes).build();
    }

    public static void main(String[] args) throws IOException {
        double scale = 1;
        String model = null;
        int vocabulary = 1000;
        int classes = 2;
        int longLength = 16_384;
        double traceSeconds = 0;
        Map<String, Long> rows = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 == args.length) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value");
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--scale" -> scale = Double.parseDouble(value);
                case "--rows" -> {
                    String[] parts = value.split("=", 2);
                    if (parts.length != 2) {
                        throw new IllegalArgumentException("--rows takes WORKLOAD=N, got " + value);
                    }
                    rows.put(parts[0], Long.parseLong(parts[1]));
                }
                case "--long-length" -> longLength = Integer.parseInt(value);
                case "--model" -> model = value;
                case "--vocab" -> vocabulary = Integer.parseInt(value);
                case "--classes" -> classes = Integer.parseInt(value);
                case "--trace-memory" -> traceSeconds = Double.parseDouble(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; options: --scale S, --rows WORKLOAD=N, --long-length L, --model PATH, --vocab V,"
                        + " --classes C, --trace-memory SECONDS");
            }
        }
        List<Workload> workloads = workloads(scale, longLength, rows);
        Path work = Files.createTempDirectory("lion-scoring-bench");
        String description = model;
        if (model == null) {
            LionConfig config = defaultModel(vocabulary, classes, Math.max(256, longLength));
            Path file = work.resolve("lion.zip");
            try (OutputStream out = Files.newOutputStream(file)) {
                LionModel.build(config, AdamW.defaults(), Provenance.unknown()).write(out, false);
            }
            model = file.toString();
            description = String.format(Locale.ROOT, "LION %s token classifier, width %d, depth %d, %d heads,"
                    + " vocabulary %d, %d classes (freshly initialised)", config.variant(), config.width(),
                    config.depth(), config.heads(), vocabulary, classes);
        }
        SparkSession spark = SparkSession.builder().master("local[2]").appName("ScoringBenchmark")
                .config("spark.ui.enabled", "false").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        List<Result> results = new ArrayList<>();
        try {
            for (Workload workload : workloads) {
                results.add(run(spark, workload, model, vocabulary, classes, work, traceSeconds));
                print(description, results);
            }
        } finally {
            spark.stop();
            deleteRecursively(work);
        }
    }

    /** The workloads at {@code scale}, with the row counts of {@code rows} where given; those of 0 rows left out. */
    private static List<Workload> workloads(double scale, int longLength, Map<String, Long> rows) {
        List<Workload> all = List.of(
                new Workload("short", Math.round(1_000_000 * scale), 256, Integer.MAX_VALUE, Form.ATTENTION, 64),
                new Workload("long-chunk", Math.round(1_000 * scale), longLength, longLength / 4, Form.CHUNK, 64),
                new Workload("long-attention", Math.round(1_000 * scale), longLength, longLength / 4, Form.ATTENTION,
                        64));
        List<String> names = all.stream().map(Workload::name).toList();
        for (String name : rows.keySet()) {
            if (!names.contains(name)) {
                throw new IllegalArgumentException("--rows names unknown workload '" + name + "'; workloads: " + names);
            }
        }
        List<Workload> chosen = new ArrayList<>();
        for (Workload workload : all) {
            long count = rows.getOrDefault(workload.name(), workload.rows());
            if (count > 0) {
                chosen.add(workload.withRows(count));
            }
        }
        return chosen;
    }

    private static Result run(SparkSession spark, Workload workload, String model, int vocabulary, int classes,
                              Path work, double traceSeconds) throws IOException {
        ScoringOptions options = ScoringOptions.builder(DataSettings.builder().maxLength(workload.length())
                        .batchSize(workload.batchSize()).build())
                .longSequenceThreshold(workload.threshold())
                .longSequencePath(LongSequencePaths.of(workload.form(), 256))
                .build();
        BatchScorer scorer = BatchScorer.forModel(spark, model, options);
        System.gc();
        Dataset<Row> input = randomRows(spark, workload, vocabulary);
        String output = work.resolve(workload.name()).toString();
        try (PeakMemory memory = new PeakMemory(spark, workload.name(), traceSeconds)) {
            ScoringReport report = scorer.writeParquet(input, output);
            return new Result(workload, report.rowsScored(), report.elapsedSeconds(), memory.rss.get(),
                    memory.heap.get(), memory.offHeap.get());
        }
    }

    /** {@code rows} rows of {@code length} pseudo-random ids, generated on the executors in 8 partitions. */
    private static Dataset<Row> randomRows(SparkSession spark, Workload workload, int vocabulary) {
        return spark.range(0, workload.rows(), 1, 8)
                .select(functions.col("id"),
                        functions.expr("transform(sequence(1, " + workload.length() + "), i -> CAST(pmod(hash(id, i), "
                                + vocabulary + ") AS INT))").as("tokens"));
    }

    private static void print(String model, List<Result> results) {
        System.out.printf(Locale.ROOT, "model: %s; local[2], %d available processors%n", model,
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "| %-14s | %9s | %6s | %9s | %-9s | %8s | %9s | %12s | %13s | %17s |%n",
                "workload", "rows", "length", "threshold", "form", "seconds", "rows/s", "peak RSS MiB",
                "peak heap MiB", "peak off-heap MiB");
        for (Result r : results) {
            Workload w = r.workload();
            System.out.printf(Locale.ROOT, "| %-14s | %9d | %6d | %9s | %-9s | %8.1f | %9.3f | %12d | %13d | %17d |%n",
                    w.name(), r.rows(), w.length(), w.threshold() == Integer.MAX_VALUE ? "none" : w.threshold(),
                    w.form(), r.seconds(), r.rows() / r.seconds(), r.peakRss() >> 20, r.peakHeap() >> 20,
                    r.peakOffHeap() >> 20);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /**
     * Samples the process's resident memory, heap use and JavaCPP off-heap bytes every 20 ms and, if
     * asked, prints them every {@code traceSeconds} with the number of finished tasks of the running
     * stages and of live Spark task threads.
     */
    private static final class PeakMemory implements AutoCloseable {
        final AtomicLong rss = new AtomicLong();
        final AtomicLong heap = new AtomicLong();
        final AtomicLong offHeap = new AtomicLong();
        private final long started = System.nanoTime();
        private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "peak-memory");
            thread.setDaemon(true);
            return thread;
        });

        PeakMemory(SparkSession spark, String workload, double traceSeconds) {
            sampler.scheduleAtFixedRate(this::sample, 0, 20, TimeUnit.MILLISECONDS);
            if (traceSeconds > 0) {
                JavaSparkStatusTracker status = JavaSparkContext.fromSparkContext(spark.sparkContext()).statusTracker();
                long period = Math.round(traceSeconds * 1000);
                sampler.scheduleAtFixedRate(() -> trace(status, workload), period, period, TimeUnit.MILLISECONDS);
            }
        }

        private void trace(JavaSparkStatusTracker status, String workload) {
            Runtime runtime = Runtime.getRuntime();
            int finishedTasks = Arrays.stream(status.getActiveStageIds()).mapToObj(status::getStageInfo)
                    .filter(Objects::nonNull).mapToInt(SparkStageInfo::numCompletedTasks).sum();
            long taskThreads = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> thread.getName().startsWith("Executor task launch worker")).count();
            System.out.printf(Locale.ROOT, "trace %s: %.0f s, %d tasks finished, RSS %d MiB, heap %d MiB,"
                            + " off-heap %d MiB, %d task threads%n", workload, (System.nanoTime() - started) / 1e9,
                    finishedTasks, Pointer.physicalBytes() >> 20,
                    (runtime.totalMemory() - runtime.freeMemory()) >> 20, Pointer.totalBytes() >> 20, taskThreads);
        }

        private void sample() {
            Runtime runtime = Runtime.getRuntime();
            rss.accumulateAndGet(Pointer.physicalBytes(), Math::max);
            heap.accumulateAndGet(runtime.totalMemory() - runtime.freeMemory(), Math::max);
            offHeap.accumulateAndGet(Pointer.totalBytes(), Math::max);
        }

        @Override
        public void close() {
            sampler.shutdownNow();
            sample();
        }
    }
}
