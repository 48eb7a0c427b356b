package ai.lion.jobs;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FailureMessageTest {

    /** An exception of a LION type. */
    private static final class LionFailure extends RuntimeException {
        LionFailure(String message) {
            super(message);
        }
    }

    /** {@code failure} as if created in {@code className} (a Spark or JDK class, not LION code). */
    private static <T extends Throwable> T createdIn(String className, T failure) {
        failure.setStackTrace(new StackTraceElement[] {new StackTraceElement(className, "run", "X.java", 1)});
        return failure;
    }

    private static LionFailure lionTyped() {
        return new LionFailure("checkpoint file:/runs/r is locked by another training run (host h, pid 1)");
    }

    @Test
    void aWrapperCreatedInLionCodeKeepsItsAdviceOverItsLionTypedCause() {
        IllegalStateException wrapper = new IllegalStateException("run r is locked; rerun with --set x=true",
                lionTyped());

        assertEquals("lion train failed: run r is locked; rerun with --set x=true; rerun with --verbose for the stack"
                + " trace", FailureMessage.of(Command.TRAIN, wrapper));
    }

    @Test
    void aLionTypedCauseIsPreferredToTheWrappersOfOtherCode() {
        LionFailure lion = lionTyped();
        RuntimeException spark = createdIn("org.apache.spark.scheduler.DAGScheduler",
                new RuntimeException("Job aborted due to stage failure", createdIn("org.apache.spark.executor.Executor",
                        new IllegalStateException("Task failed", lion))));

        assertEquals("lion train failed: " + lion.getMessage() + "; rerun with --verbose for the stack trace",
                FailureMessage.of(Command.TRAIN, spark));
    }

    @Test
    void withoutLionCodeTheDeepestMessageIsUsed() {
        IOException root = createdIn("org.apache.hadoop.fs.RawLocalFileSystem",
                new IOException("Parent path is not a directory: file:/a-file"));
        RuntimeException top = createdIn("org.apache.spark.SparkContext", new RuntimeException(root));

        assertEquals("lion score failed: Parent path is not a directory: file:/a-file; rerun with --verbose for the"
                + " stack trace", FailureMessage.of(Command.SCORE, top));
    }
}
