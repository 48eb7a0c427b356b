package ai.lion.bench.scaling;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The command line of {@link SplitBenchmark}, checked. Immutable.
 *
 * @param config        the job configuration whose model (and training settings) are benchmarked
 * @param workers       worker counts
 * @param averaging     averaging frequencies
 * @param batchSizes    examples per worker minibatch
 * @param splits        measured splits per configuration
 * @param warmupEpochs  epochs of as many splits trained before the measured one
 * @param master        the Spark master of every configuration; empty: {@code local[W]}
 * @param dataset       where the rows come from
 * @param rounds        isolated averaging rounds timed per configuration
 * @param out           the CSV written at the end
 * @param workDir       where data, checkpoints and the prepared dataset go; empty: a temporary directory
 * @param sparkDefaults Spark settings applied to every session, in spark-defaults.conf format; empty: none
 */
record BenchOptions(Path config, List<Integer> workers, List<Integer> averaging, List<Integer> batchSizes, int splits,
                    int warmupEpochs, Optional<String> master, Dataset dataset, int rounds, Path out,
                    Optional<Path> workDir, Optional<Path> sparkDefaults) {

    /** Where the training rows come from. */
    enum Dataset {
        /** Fashion-MNIST when its Debian package is installed, generated rows otherwise. */
        AUTO,
        /** The project's own preparation of the Debian package's files. */
        FASHION_MNIST,
        /** Random rows of the model's input shape. */
        GENERATED
    }

    static final String USAGE = """
            SplitBenchmark [--config FILE] [--workers 1,2] [--averaging 1,5,20] [--batch 64,128] [--splits 5]
                           [--warmup-epochs 1] [--master URL] [--dataset auto|fashion-mnist|generated] [--rounds 5]
                           [--out split-times.csv] [--work-dir DIR] [--spark-defaults FILE|none]
            """;

    /**
     * Parses {@code args}.
     *
     * @throws IllegalArgumentException naming the option and what it allows
     */
    static BenchOptions parse(String[] args) {
        Path config = Path.of("conf/fashion-mnist-lion-s.conf");
        List<Integer> workers = List.of(1, 2);
        List<Integer> averaging = List.of(1, 5, 20);
        List<Integer> batches = List.of(64, 128);
        int splits = 5;
        int warmup = 1;
        String master = null;
        Dataset dataset = Dataset.AUTO;
        int rounds = 5;
        Path out = Path.of("split-times.csv");
        Path workDir = null;
        Path defaults = Path.of("conf/spark-defaults.conf");
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--config" -> config = Path.of(value);
                case "--workers" -> workers = positiveList(option, value);
                case "--averaging" -> averaging = positiveList(option, value);
                case "--batch" -> batches = positiveList(option, value);
                case "--splits" -> splits = positive(option, value);
                case "--warmup-epochs" -> warmup = atLeast(option, value, 0);
                case "--master" -> master = value;
                case "--dataset" -> dataset = dataset(value);
                case "--rounds" -> rounds = positive(option, value);
                case "--out" -> out = Path.of(value);
                case "--work-dir" -> workDir = Path.of(value);
                case "--spark-defaults" -> defaults = value.equals("none") ? null : Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        return new BenchOptions(config, workers, averaging, batches, splits, warmup, Optional.ofNullable(master),
                dataset, rounds, out, Optional.ofNullable(workDir), Optional.ofNullable(defaults));
    }

    /** The master of a configuration with {@code workerCount} workers. */
    String masterFor(int workerCount) {
        return master.orElse("local[" + workerCount + "]");
    }

    private static Dataset dataset(String value) {
        return Arrays.stream(Dataset.values()).filter(d -> d.name().replace('_', '-').equalsIgnoreCase(value))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("--dataset must be auto, fashion-mnist or"
                        + " generated, got '" + value + "'"));
    }

    private static List<Integer> positiveList(String option, String value) {
        List<Integer> values = new ArrayList<>();
        for (String item : value.split(",")) {
            values.add(positive(option, item.strip()));
        }
        return List.copyOf(values);
    }

    private static int positive(String option, String value) {
        return atLeast(option, value, 1);
    }

    private static int atLeast(String option, String value, int min) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " takes integers of at least " + min + ", got '" + value + "'");
    }
}
