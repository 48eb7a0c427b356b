package ai.lion.spark.data;

/**
 * A row failed validation under {@link BadRowPolicy#FAIL}. Thrown on an executor, it reaches the
 * driver as the cause of Spark's job failure; its message names the file, the row, the column and
 * the reason.
 */
public final class BadRowException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final String row;
    private final String column;
    private final RowProblem problem;
    private final String detail;

    BadRowException(String source, String row, String column, RowProblem problem, String detail) {
        super("bad row in " + source + ", " + row + ", column '" + column + "': "
                + problem.description() + " (" + detail + ")");
        this.source = source;
        this.row = row;
        this.column = column;
        this.problem = problem;
        this.detail = detail;
    }

    /** The file the row was read from, or {@value ParquetSource#NO_SOURCE_FILE} when not read from files. */
    public String source() { return source; }

    /** The row: {@code id '<value>'} if the row has an id, else {@code row <i> of partition <p>}. */
    public String row() { return row; }

    /** The column holding the bad value. */
    public String column() { return column; }

    public RowProblem problem() { return problem; }

    /** The offending value and where it sits in the field. */
    public String detail() { return detail; }
}
