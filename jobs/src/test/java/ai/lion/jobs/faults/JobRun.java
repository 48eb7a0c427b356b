package ai.lion.jobs.faults;

import ai.lion.jobs.ExitCode;
import ai.lion.jobs.LionJobs;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One job run in this JVM through {@link LionJobs#run}, with what it printed.
 *
 * @param exit the exit code
 * @param out  standard output (the results)
 * @param err  standard error (the one-line failure)
 */
record JobRun(ExitCode exit, String out, String err) {

    /** Runs {@code lion <args>}. */
    static JobRun of(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ExitCode exit = LionJobs.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new JobRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
