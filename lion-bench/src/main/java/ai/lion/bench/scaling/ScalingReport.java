package ai.lion.bench.scaling;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Calibrates the {@link CostModel} from a {@link SplitBenchmark} CSV (its 1- and 2-worker rows) and
 * prints predicted throughput and scaling efficiency for larger clusters, link speeds and model sizes,
 * with the smallest averaging frequency that keeps the target efficiency; with {@code --check}, also
 * the prediction for the rows of another benchmark run (e.g. on {@code local-cluster}) next to what
 * they measured.
 *
 * <pre>{@value #USAGE}</pre>
 */
public final class ScalingReport {

    static final String USAGE = """
            ScalingReport --runs split-times.csv [--workers 8,16,32,64,128,256] [--gbits 1,10,25]
                          [--parameters 1000000,10000000,100000000] [--averaging 1,5,20] [--target 0.9]
                          [--check local-cluster.csv]
            """;

    private ScalingReport() {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("ScalingReport: " + e.getMessage());
            System.err.print("usage: " + USAGE);
            System.exit(2);
            return;
        }
        List<SplitMeasurement> calibration = SplitMeasurement.readCsv(options.runs()).stream()
                .filter(row -> row.workers() <= 2).toList();
        if (calibration.isEmpty()) {
            throw new IllegalArgumentException(options.runs() + " has no 1- or 2-worker rows to calibrate from");
        }
        Map<Integer, CostModel> models = Calibration.fit(calibration);
        PrintStream out = System.out;
        out.println("Calibrated from the " + calibration.size() + " 1- and 2-worker rows of " + options.runs() + ":");
        printCalibration(models, out);
        List<Integer> averaging = options.averaging().isEmpty()
                ? calibration.stream().map(SplitMeasurement::averagingFrequency).distinct().sorted().toList()
                : options.averaging();
        for (CostModel measured : models.values()) {
            List<Long> sizes = new ArrayList<>(List.of(measured.parameters()));
            sizes.addAll(options.parameters());
            for (long parameters : sizes) {
                CostModel model = measured.scaledTo(parameters);
                out.printf(Locale.ROOT, "%nBatch %d, %,d parameters (%.1f MB per copy, step %.1f ms):%n%n",
                        model.batchSize(), parameters, model.bytes() / 1e6, model.stepSeconds() * 1000);
                predictions(model, options, averaging).print(out);
            }
        }
        if (options.check() != null) {
            out.println("\nCheck against " + options.check() + " (no link cost: local and local-cluster runs):\n");
            check(models, SplitMeasurement.readCsv(options.check())).print(out);
        }
    }

    private static void printCalibration(Map<Integer, CostModel> models, PrintStream out) {
        TextTable table = new TextTable(List.of("batch", "step ms", "latency s", "ns per byte", "MB per copy",
                "parameters", "depth"));
        models.values().forEach(model -> table.add(List.of(Integer.toString(model.batchSize()),
                format("%.1f", model.stepSeconds() * 1000), format("%.3f", model.latencySeconds()),
                format("%.3f", model.secondsPerByte() * 1e9), format("%.2f", model.bytes() / 1e6),
                Long.toString(model.parameters()), Integer.toString(model.aggregationDepth()))));
        table.print(out);
    }

    private static TextTable predictions(CostModel model, Options options, List<Integer> averaging) {
        List<String> header = new ArrayList<>(List.of("workers", "Gbit/s", "comm s"));
        for (int f : averaging) {
            header.add("f=" + f + " examples/s");
            header.add("f=" + f + " efficiency");
        }
        header.add("smallest f for " + format("%.0f", options.target() * 100) + " %");
        TextTable table = new TextTable(header);
        for (int workers : options.workers()) {
            for (double gbits : options.gbits()) {
                double bits = gbits * 1e9;
                List<String> cells = new ArrayList<>(List.of(Integer.toString(workers),
                        BigDecimal.valueOf(gbits).stripTrailingZeros().toPlainString(),
                        format("%.3f", model.communicationSeconds(workers, bits))));
                for (int f : averaging) {
                    cells.add(rate(model.examplesPerSecond(workers, f, bits)));
                    cells.add(format("%.0f %%", model.efficiency(workers, f, bits) * 100));
                }
                cells.add(Integer.toString(model.smallestAveragingFrequency(workers, bits, options.target())));
                table.add(cells);
            }
        }
        return table;
    }

    private static TextTable check(Map<Integer, CostModel> models, List<SplitMeasurement> rows) {
        TextTable table = new TextTable(List.of("master", "workers", "averaging", "batch", "measured s/split",
                "predicted s/split", "measured / predicted", "measured examples/s", "predicted examples/s"));
        for (SplitMeasurement row : rows) {
            CostModel model = models.get(row.batchSize());
            if (model == null) {
                throw new IllegalArgumentException("the check row of batch " + row.batchSize() + " has no calibrated"
                        + " batch size (" + models.keySet() + "); benchmark the same batch sizes");
            }
            double predicted = model.splitSeconds(row.workers(), row.averagingFrequency(), Double.POSITIVE_INFINITY);
            table.add(List.of(row.master(), Integer.toString(row.workers()), Integer.toString(row.averagingFrequency()),
                    Integer.toString(row.batchSize()), format("%.3f", row.wallSeconds()), format("%.3f", predicted),
                    format("%.2f", row.wallSeconds() / predicted), rate(row.examplesPerSecond()),
                    rate(model.examplesPerSecond(row.workers(), row.averagingFrequency(), Double.POSITIVE_INFINITY))));
        }
        return table;
    }

    /** Examples per second: whole numbers, two decimals below 10. */
    private static String rate(double examplesPerSecond) {
        return format(examplesPerSecond < 10 ? "%.2f" : "%.0f", examplesPerSecond);
    }

    private static String format(String pattern, double value) {
        return String.format(Locale.ROOT, pattern, value);
    }

    /** The command line, checked. */
    private record Options(Path runs, List<Integer> workers, List<Double> gbits, List<Long> parameters,
                           List<Integer> averaging, double target, Path check) {

        static Options parse(String[] args) {
            Path runs = null;
            List<Integer> workers = List.of(8, 16, 32, 64, 128, 256);
            List<Double> gbits = List.of(1.0, 10.0, 25.0);
            List<Long> parameters = List.of(1_000_000L, 10_000_000L, 100_000_000L);
            List<Integer> averaging = List.of();
            double target = 0.9;
            Path check = null;
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                String value = args[i + 1];
                switch (args[i]) {
                    case "--runs" -> runs = Path.of(value);
                    case "--workers" -> workers = list(args[i], value).stream().map(Number::intValue).toList();
                    case "--gbits" -> gbits = list(args[i], value).stream().map(Number::doubleValue).toList();
                    case "--parameters" -> parameters = list(args[i], value).stream().map(Number::longValue).toList();
                    case "--averaging" -> averaging = list(args[i], value).stream().map(Number::intValue).toList();
                    case "--target" -> target = list(args[i], value).get(0).doubleValue();
                    case "--check" -> check = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (runs == null) {
                throw new IllegalArgumentException("--runs is required: the CSV SplitBenchmark --out wrote");
            }
            if (!(target > 0 && target < 1)) {
                throw new IllegalArgumentException("--target must lie in (0, 1), got " + target);
            }
            return new Options(runs, workers, gbits, parameters, averaging, target, check);
        }

        private static List<Double> list(String option, String value) {
            List<Double> values = new ArrayList<>();
            for (String item : value.split(",")) {
                try {
                    double parsed = Double.parseDouble(item.strip());
                    if (parsed > 0) {
                        values.add(parsed);
                        continue;
                    }
                } catch (NumberFormatException e) {
                    // reported below
                }
                throw new IllegalArgumentException(option + " takes positive numbers, got '" + item + "'");
            }
            return values;
        }
    }
}
