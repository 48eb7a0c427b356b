package ai.lion.jobs;

import ai.lion.datasets.output.OutputExistsException;
import ai.lion.spark.checkpoint.RunLockedException;
import ai.lion.spark.data.BadRowException;

import java.util.ArrayList;
import java.util.List;

/**
 * The one line a failed job prints on the terminal: what is wrong, taken from the most telling exception
 * of the cause chain (Spark wraps a task's failure several times), and what to do about it.
 */
final class FailureMessage {

    private FailureMessage() {
    }

    /** {@code lion <command> failed: <what is wrong>; <what to do>}, on one line. */
    static String of(Command command, Throwable failure) {
        Throwable cause = mostTelling(failure);
        String what = firstLine(cause.getMessage() == null ? cause.toString() : cause.getMessage());
        return "lion " + command + " failed: " + what + "; " + advice(command, cause);
    }

    private static String advice(Command command, Throwable cause) {
        if (cause instanceof OutputExistsException && command.overwriteKey().isPresent()) {
            return "set " + command.overwriteKey().get() + " = true to replace it once the new output is complete, "
                    + "or write elsewhere";
        }
        if (cause instanceof RunLockedException) {
            return "wait until that run ends, or if its driver is dead rerun with --set checkpoint.take-over-lock=true";
        }
        if (cause instanceof BadRowException) {
            return "fix or remove the row, or set data.bad-rows = skip to skip and count such rows";
        }
        return "rerun with --verbose for the stack trace";
    }

    /**
     * The first exception of the chain thrown by LION code (of a LION type, or created there: a wrapper that adds
     * what to do), else the deepest one with a message.
     */
    private static Throwable mostTelling(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        for (Throwable t : chain) {
            if (isLion(t.getClass().getName()) || t.getStackTrace().length > 0
                    && isLion(t.getStackTrace()[0].getClassName())) {
                return t;
            }
        }
        for (int i = chain.size() - 1; i >= 0; i--) {
            if (chain.get(i).getMessage() != null && !chain.get(i).getMessage().isBlank()) {
                return chain.get(i);
            }
        }
        return failure;
    }

    private static boolean isLion(String className) {
        return className.startsWith("ai.lion.");
    }

    private static String firstLine(String message) {
        String line = message.strip().lines().findFirst().orElse("");
        return line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
    }
}
