package ai.lion.bench.scaling;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The split benchmark's rows as a printable table. */
final class SplitTable {

    private SplitTable() {
    }

    /** The rows as a table: configuration, throughput, seconds per split by part, busy workers, step, bytes, round. */
    static TextTable of(List<SplitMeasurement> rows) {
        List<String> parts = rows.isEmpty() ? List.of() : List.copyOf(rows.get(0).perSplit().keySet());
        List<String> header = new ArrayList<>(List.of("workers", "averaging", "batch", "splits", "examples/s"));
        parts.forEach(part -> header.add(part + " s"));
        header.addAll(List.of("busy workers", "step ms", "MB averaged", "round s"));
        TextTable table = new TextTable(header);
        for (SplitMeasurement row : rows) {
            List<String> cells = new ArrayList<>(List.of(Integer.toString(row.workers()),
                    Integer.toString(row.averagingFrequency()), Integer.toString(row.batchSize()),
                    Integer.toString(row.splits()), format("%.0f", row.examplesPerSecond())));
            parts.forEach(part -> cells.add(format("%.3f", row.perSplit().get(part))));
            cells.addAll(List.of(format("%.2f", row.busyWorkers()), format("%.1f", row.stepSeconds() * 1000),
                    format("%.2f", row.averagedBytes() / 1e6), format("%.3f", row.roundSeconds())));
            table.add(cells);
        }
        return table;
    }

    private static String format(String pattern, double value) {
        return String.format(Locale.ROOT, pattern, value);
    }
}
