package ai.lion.jobs.faults;

import ai.lion.core.runtime.CachingShapeInfoProvider;
import ai.lion.jobs.ExitCode;
import ai.lion.jobs.it.Build;
import ai.lion.jobs.it.ChildProcess;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the terminal shows when a task of a job fails: {@code bin/lion score} on the shaded jar, in its own
 * JVM with the launcher's log configuration, over input with a NaN row. Spark's own reports of the failed
 * task (Executor, TaskSetManager, …) must not reach the terminal; the one line of the job says it all.
 */
@Tag("slow")
class QuietFailureIT {

    private static final int NAN_ID = 3;

    @TempDir
    static Path dir;

    @BeforeAll
    static void trainACheckpointAndWriteTheBadInput() {
        SparkSession spark = PatchRows.localSpark("QuietFailureIT");
        try {
            PatchRows.write(spark, PatchRows.good(1, 40), dir.resolve("data/train"));
            PatchRows.write(spark, PatchRows.good(2, 20), dir.resolve("data/validation"));
            PatchRows.write(spark, PatchRows.withBadValue(3, 10, NAN_ID, Float.NaN), dir.resolve("nan-row"));
        } finally {
            spark.stop();
        }
        JobRun trained = PatchRows.train(dir.resolve("data"), dir.resolve("run"), 1);
        assertEquals(ExitCode.OK, trained.exit(), trained.err());
    }

    /** {@code bin/lion score} of the NaN row, with {@code environment} added to the launcher's. */
    private static ChildProcess scoreTheNanRow(String name, Map<String, String> environment) throws Exception {
        List<String> command = Build.launcher("512m");
        command.addAll(List.of("--master", "local[2]", "score",
                "--set", "checkpoint.path=" + dir.resolve("run").toUri(),
                "--set", "score.input=" + dir.resolve("nan-row").toUri(),
                "--set", "score.output=" + dir.resolve(name).toUri()));
        Map<String, String> all = new HashMap<>(Build.launcherEnvironment());
        all.putAll(environment);
        return ChildProcess.run(command, all, Build.logDirectory().resolve("quiet-failure-" + name + ".log"), 5);
    }

    @Test
    void aFailingTaskPrintsTheOneLineAndNoStackTraceOrRepeatedMessage() throws Exception {
        ChildProcess score = scoreTheNanRow("scores", Map.of());

        String terminal = score.output();
        assertEquals(1, score.exitCode(), terminal);
        List<String> failures = terminal.lines().filter(line -> line.contains("lion score failed:")).toList();
        assertEquals(1, failures.size(), terminal);
        String failure = failures.get(0);
        assertTrue(failure.startsWith("lion score failed: bad row in file:"), failure);
        assertTrue(failure.contains("nan-row/part-"), failure);
        assertTrue(failure.contains("id " + NAN_ID + ","), failure);
        assertTrue(failure.contains("column 'patches'"), failure);
        assertTrue(failure.contains("NaN at position " + PatchRows.BAD_POSITION), failure);
        assertFalse(terminal.contains("\tat "), "a stack frame on the terminal:\n" + terminal);
        assertEquals(1, terminal.split("NaN at position " + PatchRows.BAD_POSITION, -1).length - 1,
                "the problem is reported once:\n" + terminal);
        assertFalse(Files.exists(dir.resolve("scores")), "no output");
        assertFalse(terminal.contains(CachingShapeInfoProvider.JVM_FLAG),
                "bin/lion installs the shape cache:\n" + terminal);
    }

    @Test
    void sparksReportsOfTheFailedTaskAreLoggedAtDebug() throws Exception {
        String configuration = Files.readString(Build.projectRoot().resolve("conf/log4j2.properties"));
        assertTrue(configuration.contains("property.sparkTaskFailures = info\n"), "the default this test changes");
        Path debug = Files.writeString(dir.resolve("log4j2-task-failures-debug.properties"),
                configuration.replace("property.sparkTaskFailures = info\n", "property.sparkTaskFailures = debug\n"));

        ChildProcess score = scoreTheNanRow("debug-scores", Map.of("LION_LOG_CONF", debug.toString()));

        String terminal = score.output();
        assertEquals(1, score.exitCode(), terminal);
        assertTrue(terminal.contains("DEBUG Executor - Exception in task"), terminal);
        assertTrue(terminal.contains("\tat ai.lion.spark.data.BadRows.reject"), terminal);
        assertEquals(1, terminal.lines().filter(line -> line.startsWith("lion score failed:")).count(), terminal);
    }
}
