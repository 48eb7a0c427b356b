package ai.lion.spark.data;

/** The check every setting that names a DataFrame column shares. */
public final class ColumnNames {

    private ColumnNames() {
    }

    /**
     * Returns {@code column} if it can name a column.
     *
     * @param setting the setting's name, for the message
     * @throws IllegalArgumentException if {@code column} is null or blank
     */
    public static String require(String setting, String column) {
        if (column == null || column.isBlank()) {
            throw new IllegalArgumentException(setting + " must name a column, got '" + column + "'");
        }
        return column;
    }
}
