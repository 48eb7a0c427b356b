package ai.lion.bench;

/**
 * Thrown from a benchmark's {@code @Setup} for a case that would not fit the machine. JMH reports it
 * as a {@code <failure>} of that one case, prints the message, goes on with the next case and leaves
 * the skipped one out of the results (the exit code stays 0).
 */
public final class SkippedCase extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** @param message why the case is skipped, naming the case and its estimated need */
    public SkippedCase(String message) {
        super(message);
    }
}
