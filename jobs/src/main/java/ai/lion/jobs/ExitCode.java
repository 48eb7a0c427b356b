package ai.lion.jobs;

/** The process exit codes of the jobs' main class. */
public enum ExitCode {
    /** The command succeeded (or help / the configuration was printed). */
    OK(0, "success (or help / the checked configuration was printed)"),
    /** The job started and failed; the error and its stack trace are logged. */
    JOB_FAILED(1, "the job failed; the error is logged"),
    /** The command line or the configuration is invalid; nothing was started (no SparkSession). */
    USAGE(2, "bad command line or configuration; nothing was started");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /** The numeric process exit status. */
    public int code() {
        return code;
    }

    /** One line saying what the code means, for the help text. */
    public String meaning() {
        return meaning;
    }
}
