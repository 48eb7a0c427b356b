package ai.lion.spark.data;

/**
 * Internal signal that a row failed validation; the batcher turns it into a {@link BadRowException}
 * or a skip count. Carries no stack trace because skipped rows may be frequent.
 */
final class RowDefect extends Exception {

    private static final long serialVersionUID = 1L;

    private final String column;
    private final RowProblem problem;

    RowDefect(String column, RowProblem problem, String detail) {
        super(detail, null, false, false);
        this.column = column;
        this.problem = problem;
    }

    String column() { return column; }

    RowProblem problem() { return problem; }

    String detail() { return getMessage(); }
}
