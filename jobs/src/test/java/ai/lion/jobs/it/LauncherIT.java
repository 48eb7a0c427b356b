package ai.lion.jobs.it;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bin/lion} on the shaded jar, without a Spark installation (SPARK_HOME is the emulated
 * distribution, which has no bin/spark-submit): the exit codes reach the shell through SparkSubmit.
 */
@Tag("slow")
class LauncherIT {

    private static ChildProcess lion(String name, String... args) throws Exception {
        List<String> command = Build.launcher("512m");
        command.addAll(List.of(args));
        return ChildProcess.run(command, Build.launcherEnvironment(),
                Build.logDirectory().resolve("lion-" + name + ".log"), 5);
    }

    @Test
    void helpExitsWithZero() throws Exception {
        ChildProcess help = lion("help", "prepare", "--help");
        assertEquals(0, help.exitCode(), help.output());
        assertTrue(help.output().contains("Usage: lion prepare [--config FILE]"), help.output());
    }

    @Test
    void anInvalidConfigurationExitsWithTwoBeforeSparkStarts() throws Exception {
        ChildProcess run = lion("bad-config", "train",
                "--config", Build.projectRoot().resolve("conf/listops-lion-s.conf").toString(),
                "--set", "train.epochs=-1");
        assertEquals(2, run.exitCode(), run.output());
        assertTrue(run.output().contains("train.epochs = -1: must be an integer >= 1"), run.output());
        assertFalse(run.output().contains("Starting Spark"), run.output());
    }

    @Test
    void anUnknownCommandOrLauncherOptionExitsWithTwo() throws Exception {
        ChildProcess command = lion("unknown-command", "trian");
        assertEquals(2, command.exitCode(), command.output());
        assertTrue(command.output().contains("lion: unknown command 'trian'"), command.output());
        ChildProcess option = lion("unknown-option", "--executors", "3", "train");
        assertEquals(2, option.exitCode(), option.output());
        assertTrue(option.output().contains("lion: unknown launcher option '--executors'"), option.output());
    }
}
