package ai.lion.jobs.cli;

/** The command line itself is malformed: unknown command or option, missing option value. */
public final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
