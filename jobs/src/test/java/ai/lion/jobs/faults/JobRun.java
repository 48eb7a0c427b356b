package ai.lion.jobs.faults;

import ai.lion.jobs.ExitCode;
import ai.lion.jobs.LionJobs;
import org.apache.spark.sql.SparkSession;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One job run in this JVM through {@link LionJobs#run}, with what it printed.
 *
 * @param exit the exit code
 * @param out  standard output (the results)
 * @param err  standard error (the one-line failure)
 */
record JobRun(ExitCode exit, String out, String err) {

    /**
     * Runs {@code lion <args>}. The job stops its Spark session; the thread's references to it are cleared
     * too, so that no stopped session outlives the run.
     */
    static JobRun of(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ExitCode exit;
        try {
            exit = LionJobs.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
        } finally {
            SparkSession.clearActiveSession();
            SparkSession.clearDefaultSession();
        }
        return new JobRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Asserts that standard error is one line holding every one of {@code fragments}. */
    void assertOneLine(String... fragments) {
        assertEquals(1, err.lines().count(), err);
        for (String fragment : fragments) {
            assertTrue(err.contains(fragment), () -> "'" + fragment + "' not in " + err);
        }
    }
}
