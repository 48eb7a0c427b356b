package ai.lion.bench.scaling;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One configuration of the split benchmark: what its measured splits took. Written and read as one CSV
 * row, so the cost model can be calibrated from a benchmark run.
 *
 * @param master            the Spark master the training ran on
 * @param workers           training workers
 * @param averagingFrequency minibatches per worker between averagings
 * @param batchSize         examples per worker minibatch
 * @param splits            measured splits
 * @param examplesPerSecond training examples per second of split wall time
 * @param perSplit          seconds per split by part, as the trainer's {@code split_times} metrics line
 *                          gives them (the wall time under {@link #WALL}, the fit per worker under {@link #FIT})
 * @param busyWorkers       workers fitting on average over the splits' wall time
 * @param stepSeconds       fit time of one minibatch on one worker
 * @param parameters        parameters of the model
 * @param averagedBytes     bytes of one serialized copy of parameters and updater state, as a worker returns it
 * @param roundSeconds      one averaging round without fitting: broadcast, tree aggregation, division
 * @param aggregationDepth  depth of the tree aggregation
 */
public record SplitMeasurement(String master, int workers, int averagingFrequency, int batchSize, int splits,
                               double examplesPerSecond, Map<String, Double> perSplit, double busyWorkers,
                               double stepSeconds, long parameters, long averagedBytes, double roundSeconds, int aggregationDepth) {

    /** The part of {@link #perSplit} holding the wall time of a split. */
    public static final String WALL = "wall";
    /** The part of {@link #perSplit} holding one worker's fit time in a split. */
    public static final String FIT = "fit";

    private static final List<String> LEADING = List.of("master", "workers", "averaging_frequency", "batch_size",
            "splits", "examples_per_s");
    private static final List<String> TRAILING = List.of("busy_workers", "fit_per_minibatch_s", "parameters", "averaged_bytes", "round_s",
            "aggregation_depth");
    private static final String SECONDS_SUFFIX = "_s";

    /** Copies the breakdown and checks that it has the wall and fit times. */
    public SplitMeasurement {
        perSplit = new LinkedHashMap<>(perSplit);
        if (!perSplit.containsKey(WALL) || !perSplit.containsKey(FIT)) {
            throw new IllegalArgumentException("the split breakdown needs '" + WALL + "' and '" + FIT + "', got "
                    + perSplit.keySet());
        }
    }

    /** Wall time of one split. */
    public double wallSeconds() {
        return perSplit.get(WALL);
    }

    /** One worker's fit time in one split. */
    public double fitSeconds() {
        return perSplit.get(FIT);
    }

    /** Wall time of a split outside the fitting: what the cost model calls communication. */
    public double overheadSeconds() {
        return wallSeconds() - fitSeconds();
    }

    /** Writes {@code rows} (which share one breakdown) to {@code file} with a header line. */
    public static void writeCsv(Path file, List<SplitMeasurement> rows) throws IOException {
        List<String> lines = new ArrayList<>();
        List<String> parts = rows.isEmpty() ? List.of() : List.copyOf(rows.get(0).perSplit().keySet());
        List<String> header = new ArrayList<>(LEADING);
        parts.forEach(part -> header.add(part + SECONDS_SUFFIX));
        header.addAll(TRAILING);
        lines.add(String.join(",", header));
        for (SplitMeasurement row : rows) {
            List<String> cells = new ArrayList<>(List.of(quoted(row.master()), Integer.toString(row.workers()),
                    Integer.toString(row.averagingFrequency()), Integer.toString(row.batchSize()),
                    Integer.toString(row.splits()), number(row.examplesPerSecond())));
            parts.forEach(part -> cells.add(number(row.perSplit().get(part))));
            cells.addAll(List.of(number(row.busyWorkers()), number(row.stepSeconds()), Long.toString(row.parameters()),
                    Long.toString(row.averagedBytes()), number(row.roundSeconds()),
                    Integer.toString(row.aggregationDepth())));
            lines.add(String.join(",", cells));
        }
        Files.write(file, lines);
    }

    /**
     * Reads a file {@link #writeCsv} wrote.
     *
     * @throws IllegalArgumentException naming the file, line and column of a missing or malformed cell
     */
    public static List<SplitMeasurement> readCsv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(file + " is empty; give the CSV that SplitBenchmark --out wrote");
        }
        List<String> header = Arrays.asList(lines.get(0).split(",", -1));
        List<String> missing = new ArrayList<>(LEADING);
        missing.addAll(TRAILING);
        missing.add(WALL + SECONDS_SUFFIX);
        missing.add(FIT + SECONDS_SUFFIX);
        missing.removeAll(header);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(file + " line 1 lacks the columns " + missing
                    + "; give the CSV that SplitBenchmark --out wrote");
        }
        List<SplitMeasurement> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                rows.add(parse(file, i + 1, header, cells(lines.get(i))));
            }
        }
        return rows;
    }

    private static SplitMeasurement parse(Path file, int lineNumber, List<String> header, String[] cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException(file + " line " + lineNumber + " has " + cells.length + " cells, the"
                    + " header " + header.size());
        }
        Cells row = new Cells(file, lineNumber, header, cells);
        Map<String, Double> parts = new LinkedHashMap<>();
        for (String column : header) {
            if (!LEADING.contains(column) && !TRAILING.contains(column) && column.endsWith(SECONDS_SUFFIX)) {
                parts.put(column.substring(0, column.length() - SECONDS_SUFFIX.length()), row.number(column));
            }
        }
        return new SplitMeasurement(row.text("master"), (int) row.integer("workers"),
                (int) row.integer("averaging_frequency"), (int) row.integer("batch_size"),
                (int) row.integer("splits"), row.number("examples_per_s"), parts, row.number("busy_workers"),
                row.number("fit_per_minibatch_s"), row.integer("parameters"), row.integer("averaged_bytes"), row.number("round_s"),
                (int) row.integer("aggregation_depth"));
    }

    /** A text cell in double quotes (a master such as {@code local-cluster[3,1,1024]} holds commas). */
    private static String quoted(String text) {
        if (text.contains("\"")) {
            throw new IllegalArgumentException("a CSV text cell cannot hold a double quote: " + text);
        }
        return '"' + text + '"';
    }

    /** The cells of a line: split at commas outside double quotes, quotes removed. */
    private static String[] cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean inQuotes = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                inQuotes = !inQuotes;
            } else if (c == ',' && !inQuotes) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells.toArray(String[]::new);
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.6g", value);
    }

    /** The cells of one CSV line, by column name, with errors naming file, line and column. */
    private record Cells(Path file, int line, List<String> header, String[] cells) {

        String text(String column) {
            return cells[header.indexOf(column)];
        }

        double number(String column) {
            try {
                return Double.parseDouble(text(column));
            } catch (NumberFormatException e) {
                throw problem(column, "a number");
            }
        }

        long integer(String column) {
            try {
                return Long.parseLong(text(column));
            } catch (NumberFormatException e) {
                throw problem(column, "an integer");
            }
        }

        private IllegalArgumentException problem(String column, String expected) {
            return new IllegalArgumentException(file + " line " + line + " column '" + column + "': expected "
                    + expected + ", got '" + text(column) + "'");
        }
    }
}
