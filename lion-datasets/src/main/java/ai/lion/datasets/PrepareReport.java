package ai.lion.datasets;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link DatasetPreparer} wrote.
 *
 * @param dataset    the preparer's name
 * @param outputPath the fully qualified output directory
 * @param splits     the splits in writing order, by name
 * @param metadata   the dataset description also stored as {@code dataset.json} in the output
 *                   (vocabulary, patch geometry, normalisation, generator settings, ...)
 */
public record PrepareReport(String dataset, String outputPath, Map<String, SplitReport> splits,
                            Map<String, Object> metadata) {

    public PrepareReport {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(outputPath, "outputPath");
        splits = Collections.unmodifiableMap(new LinkedHashMap<>(splits));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** The row count of {@code split}; fails with the list of splits if there is no such split. */
    public long rows(String split) {
        return split(split).rows();
    }

    /** The report of {@code split}; fails with the list of splits if there is no such split. */
    public SplitReport split(String split) {
        SplitReport report = splits.get(split);
        if (report == null) {
            throw new IllegalArgumentException("dataset " + dataset + " has no split '" + split
                    + "'; it has " + splits.keySet());
        }
        return report;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(dataset).append(" -> ").append(outputPath);
        splits.values().forEach(s -> text.append(System.lineSeparator())
                .append(String.format(Locale.ROOT, "  %-10s %,12d rows  %s", s.split(), s.rows(), s.path())));
        return text.toString();
    }
}
