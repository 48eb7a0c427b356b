package ai.lion.jobs;

import ai.lion.jobs.config.JobConfigLoader;
import ai.lion.jobs.config.KeyDoc;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The main class as a user meets it: exit codes, help, messages; no Spark is started by any of these. */
class LionJobsTest {

    /**
     * Tests that ran earlier in this JVM leave the references to their stopped sessions behind; forget them,
     * so that a session seen after a command was started by that command.
     */
    @BeforeEach
    void forgetEarlierSessions() {
        SparkSession.clearActiveSession();
        SparkSession.clearDefaultSession();
    }

    /** What one run printed and returned. */
    private record Run(ExitCode exit, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ExitCode exit = LionJobs.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void generalHelpListsEveryCommandAndTheExitCodes() {
        Run help = run("--help");
        assertEquals(ExitCode.OK, help.exit());
        assertEquals("", help.err());
        for (Command command : Command.values()) {
            assertTrue(help.out().contains("\n  " + command.commandName() + " "), help.out());
        }
        assertTrue(help.out().contains("\n  2  bad command line or configuration; nothing was started\n"), help.out());
    }

    @ParameterizedTest
    @EnumSource(Command.class)
    void eachCommandsHelpDocumentsEveryKeyItReads(Command command) {
        Run help = run(command.commandName(), "--help");
        assertEquals(ExitCode.OK, help.exit());
        assertTrue(help.out().startsWith("Usage: lion " + command.commandName() + " [--config FILE]"), help.out());
        Config reference = JobConfigLoader.fromClasspath().reference();
        for (KeyDoc key : KeyDoc.of(reference, command.scopes())) {
            assertTrue(help.out().contains("\n  " + key.key() + " = " + key.defaultValue() + "\n"), key.key());
        }
        assertEquals(help.out(), run("help", command.commandName()).out());
    }

    @Test
    void theHelpOfPrepareListsOnlyTheKeysPrepareReads() {
        String help = run("prepare", "--help").out();
        assertTrue(help.contains("\n  data.path = null\n"), help);
        assertFalse(help.contains("data.bad-rows"), help);
        assertFalse(help.contains("train.epochs ="), help);
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        Run run = run("trian", "--config", "conf/x.conf");
        assertEquals(ExitCode.USAGE, run.exit());
        assertEquals(2, run.exit().code());
        assertTrue(run.err().startsWith("lion: unknown command 'trian'; the commands are evaluate, prepare, score, train\n"),
                run.err());
        assertEquals("", run.out());
    }

    @Test
    void noArgumentsIsAUsageError() {
        assertEquals(ExitCode.USAGE, run().exit());
    }

    @Test
    void aBadValueIsNamedWithWhatIsAllowed() {
        Run run = run("train", "--set", "train.epochs=-1", "--set", "data.path=d", "--set", "checkpoint.path=c",
                "--set", "model.input.kind=tokens", "--set", "model.input.vocab-size=20",
                "--set", "model.input.max-length=64", "--set", "model.num-classes=10");
        assertEquals(ExitCode.USAGE, run.exit());
        assertEquals("lion train: invalid configuration\n"
                + "  train.epochs = -1: must be an integer >= 1 (set at --set train.epochs=-1)\n"
                + "Run 'lion train --help' for every key, its default and what it allows.\n", run.err());
        assertNoSparkSession();
    }

    @Test
    void everyProblemOfTheCommandIsReportedAtOnce() {
        Run run = run("evaluate", "--set", "evaluate.batch-size=0", "--set", "checkpoint.select=first");
        assertEquals(ExitCode.USAGE, run.exit());
        assertTrue(run.err().contains("\n  data.path: not set; must be a path"), run.err());
        assertTrue(run.err().contains("\n  evaluate.batch-size = 0: must be an integer >= 1"), run.err());
        assertTrue(run.err().contains("\n  checkpoint.path: not set; must be a path"), run.err());
        assertTrue(run.err().contains("\n  checkpoint.select = first: must be latest, best or a checkpoint sequence"),
                run.err());
    }

    @Test
    void anUnknownKeyIsAConfigurationError() {
        assertUsageError("  prepare.datset = listops: unknown key; did you mean prepare.dataset?",
                "prepare", "--set", "prepare.datset=listops");
    }

    @Test
    void anUnknownDatasetListsTheKnownOnes() {
        assertUsageError("  prepare.dataset = cifar: must be one of fashion-mnist, listops, mlm-text",
                "prepare", "--set", "prepare.dataset=cifar", "--set", "data.path=d");
    }

    @Test
    void aBadDatasetParameterIsCaughtBeforeSparkStarts() {
        assertUsageError("  prepare.params: parameter 'trainSize' must be an integer, got 'many'",
                "prepare", "--set", "prepare.dataset=listops", "--set", "data.path=d",
                "--set", "prepare.params.trainSize=many", "--set", "prepare.params.colour=blue");
        assertNoSparkSession();
    }

    @Test
    void aMissingConfigFileIsAConfigurationError() {
        assertUsageError("  --config no/such/file.conf: no such readable file", "score", "--config", "no/such/file.conf");
    }

    /** Runs {@code args}, expects exit code 2 and a line of the error output that starts with {@code line}. */
    private static void assertUsageError(String line, String... args) {
        Run run = run(args);
        assertEquals(ExitCode.USAGE, run.exit(), run.err());
        assertTrue(run.err().lines().anyMatch(errorLine -> errorLine.startsWith(line)), run.err());
    }

    @Test
    void printConfigShowsTheCheckedKeysOfTheCommandOnly() {
        Run run = run("score", "--print-config", "--set", "score.input=in", "--set", "score.output=out",
                "--set", "checkpoint.path=runs/a", "--set", "spark.conf.\"spark.ui.enabled\"=false");
        assertEquals(ExitCode.OK, run.exit(), run.err());
        Config printed = ConfigFactory.parseString(run.out());
        assertEquals("in", printed.getString("score.input"));
        assertEquals("runs/a", printed.getString("checkpoint.path"));
        assertEquals("false", printed.getConfig("spark.conf").getString("\"spark.ui.enabled\""));
        assertFalse(printed.hasPath("train"));
        assertEquals("id", printed.getString("data.id-column"));
        assertFalse(printed.hasPathOrNull("data.path"));
        assertFalse(printed.hasPathOrNull("data.train-split"));
        assertNoSparkSession();
    }

    @Test
    void trainingNeedsAValidationSplit() {
        assertUsageError("  data.validation-split: not set; must be set: train evaluates the model on it after every epoch",
                "train", "--set", "data.path=d", "--set", "checkpoint.path=c", "--set", "data.validation-split=null",
                "--set", "model.input.kind=tokens", "--set", "model.input.vocab-size=20",
                "--set", "model.input.max-length=64", "--set", "model.num-classes=10");
        assertNoSparkSession();
    }

    private static void assertNoSparkSession() {
        assertTrue(SparkSession.getDefaultSession().isEmpty() && SparkSession.getActiveSession().isEmpty());
    }
}
