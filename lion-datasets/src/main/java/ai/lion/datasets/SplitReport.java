package ai.lion.datasets;

import java.util.Objects;

/**
 * One written split.
 *
 * @param split the split name ({@code train}, {@code validation}, {@code test})
 * @param path  the fully qualified path of the split's Parquet directory
 * @param rows  the number of rows in it, counted by reading the written files back
 */
public record SplitReport(String split, String path, long rows) {
    public SplitReport {
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(path, "path");
        if (rows < 0) {
            throw new IllegalArgumentException("rows must be >= 0, got " + rows);
        }
    }
}
