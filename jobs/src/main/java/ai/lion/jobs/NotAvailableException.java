package ai.lion.jobs;

/**
 * A command whose library is not part of this build yet. Its configuration was read and validated;
 * the job stops before it starts Spark.
 */
final class NotAvailableException extends UnsupportedOperationException {

    private static final long serialVersionUID = 1L;

    NotAvailableException(Command command, String library, String validated) {
        super("lion " + command.commandName() + " is not available yet: it needs " + library
                + ", which this build does not contain. The configuration is valid: " + validated);
    }
}
