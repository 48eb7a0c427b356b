package ai.lion.jobs.faults;

import ai.lion.jobs.ExitCode;
import ai.lion.spark.checkpoint.CheckpointInfo;
import ai.lion.spark.checkpoint.CheckpointStore;
import ai.lion.spark.checkpoint.RunLock;
import ai.lion.spark.checkpoint.TrainingCursor;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults around the checkpoints of {@code lion train}, through {@link ai.lion.jobs.LionJobs#run} on a real Spark
 * local[2] and the local file system: a locked checkpoint path, an unwritable one, a corrupt newest
 * checkpoint, a diverging run. One epoch of a tiny model is trained once and copied per case.
 */
@Tag("slow")
class CheckpointFaultsTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void prepareAndTrainOneEpoch() {
        SparkSession spark = PatchRows.localSpark("CheckpointFaultsTest");
        try {
            PatchRows.write(spark, PatchRows.good(1, 80), dir.resolve("data/train"));
            PatchRows.write(spark, PatchRows.good(2, 20), dir.resolve("data/validation"));
        } finally {
            spark.stop();
        }
        JobRun first = train(dir.resolve("trained"));
        assertEquals(ExitCode.OK, first.exit(), first.err());
    }

    /** {@code lion train} of a tiny model into {@code run}, with {@code extra} overrides. */
    private static JobRun train(Path run, String... extra) {
        return PatchRows.train(dir.resolve("data"), run, 1, extra);
    }

    /** A copy of the run trained for one epoch. */
    private static Path copyOfTrainedRun(String name) throws IOException {
        Path copy = dir.resolve(name);
        FileSystem local = FileSystem.getLocal(new Configuration());
        FileUtil.copy(local, new org.apache.hadoop.fs.Path(dir.resolve("trained").toUri()), local,
                new org.apache.hadoop.fs.Path(copy.toUri()), false, new Configuration());
        return copy;
    }

    private static CheckpointStore store(Path run) throws IOException {
        return CheckpointStore.open(run.toUri().toString(), new Configuration());
    }

    @Test
    void aSecondTrainOnALockedPathFailsAtOnceNamingThePathTheHolderAndTheTakeOverKey() throws IOException {
        Path run = copyOfTrainedRun("locked");
        CheckpointStore store = store(run);
        List<CheckpointInfo> before = store.list();
        try (RunLock held = store.lock("application-of-the-first-run", false)) {
            JobRun second = train(run, "--set", "train.epochs=2");

            assertEquals(ExitCode.JOB_FAILED, second.exit());
            assertTrue(second.err().contains("checkpoint directory " + store.root() + " is locked by another training"
                    + " run (host "), second.err());
            assertTrue(second.err().contains("Spark application application-of-the-first-run"), second.err());
            assertTrue(second.err().contains("rerun with --set checkpoint.take-over-lock=true"), second.err());
            assertEquals(before, store.list(), "nothing written");
            held.requireHeld();
        }
    }

    @Test
    void takingOverALockedPathTrainsOnAndReleasesTheLock() throws IOException {
        Path run = copyOfTrainedRun("taken-over");
        CheckpointStore store = store(run);
        RunLock dead = store.lock("application-of-a-dead-driver", false);

        JobRun second = train(run, "--set", "train.epochs=2", "--set", "checkpoint.take-over-lock=true");

        assertEquals(ExitCode.OK, second.exit(), second.err());
        assertEquals(new TrainingCursor(2, 0), store.latestValid().orElseThrow().cursor());
        assertFalse(Files.exists(run.resolve(RunLock.FILE_NAME)), "released at the end");
        dead.close();
    }

    @Test
    void aCheckpointPathThatCannotBeWrittenFailsBeforeTrainingNamingIt() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
        Path run = file.resolve("run");

        JobRun failed = train(run);

        assertEquals(ExitCode.JOB_FAILED, failed.exit());
        assertTrue(failed.err().contains("The checkpoint directory " + store(run).root() + " is not writable"),
                failed.err());
        assertFalse(failed.err().contains("epoch"), "no training started: " + failed.err());
    }

    @Test
    void aCorruptNewestCheckpointIsMovedAsideAndTrainingResumesFromTheValidOne() throws IOException {
        Path run = copyOfTrainedRun("corrupt");
        CheckpointStore store = store(run);
        CheckpointInfo valid = store.latestValid().orElseThrow();
        JobRun second = train(run, "--set", "train.epochs=2");
        assertEquals(ExitCode.OK, second.exit(), second.err());
        CheckpointInfo damaged = store.latestValid().orElseThrow();
        Path model = Path.of(damaged.location().toUri()).resolve("model.zip");
        Files.write(model, new byte[] {1, 2, 3});

        JobRun third = train(run, "--set", "train.epochs=2");

        assertEquals(ExitCode.OK, third.exit(), third.err());
        assertTrue(Files.isDirectory(run.resolve("_corrupt-" + damaged.location().getName())), "moved aside");
        CheckpointInfo newest = store.latestValid().orElseThrow();
        assertEquals(new TrainingCursor(2, 0), newest.cursor());
        assertTrue(newest.sequence() > damaged.sequence(), "its number is not given out again");
        assertTrue(store.list().stream().anyMatch(info -> info.sequence() == valid.sequence()), "valid one kept");
    }

    @Test
    void aDivergingRunStopsNamingTheEpochAndLearningRateAndKeepsTheLastGoodCheckpointNewest() throws IOException {
        Path run = copyOfTrainedRun("diverging");
        CheckpointStore store = store(run);
        CheckpointInfo good = store.latestValid().orElseThrow();

        JobRun diverged = train(run, "--set", "train.epochs=2", "--set", "train.learning-rate=1e30",
                "--set", "train.min-learning-rate=1e30");

        assertEquals(ExitCode.JOB_FAILED, diverged.exit());
        assertTrue(diverged.err().contains("training diverged in epoch 2/2, split "), diverged.err());
        assertTrue(diverged.err().contains(" at learning rate 1.0E30: "), diverged.err());
        assertTrue(diverged.err().contains("the newest checkpoint is " + good.location()), diverged.err());
        assertEquals(good, store.latestValid().orElseThrow());
        assertFalse(Files.exists(run.resolve(RunLock.FILE_NAME)), "lock released on failure");
    }
}
