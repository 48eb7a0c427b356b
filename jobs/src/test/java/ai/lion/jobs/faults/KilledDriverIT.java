package ai.lion.jobs.faults;

import ai.lion.jobs.it.BackgroundProcess;
import ai.lion.jobs.it.Build;
import ai.lion.jobs.it.ChildProcess;
import ai.lion.spark.checkpoint.CheckpointInfo;
import ai.lion.spark.checkpoint.CheckpointStore;
import ai.lion.spark.checkpoint.RunLock;
import ai.lion.spark.checkpoint.TrainingCursor;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The training driver killed with {@code SIGKILL} in the middle of an epoch: {@code bin/lion train} on the
 * shaded jar in its own JVM, killed after its first checkpoint, then run again. The dead driver's run lock
 * is taken over (its process of this host has ended) and the rerun resumes from the newest checkpoint.
 */
@Tag("slow")
class KilledDriverIT {

    private static final int EPOCHS = 3;
    /** 400 rows in splits of 2 workers × 20 rows (about 10 per epoch): the kill lands in the second epoch. */
    private static final Pattern MID_SECOND_EPOCH = Pattern.compile("epoch 2/" + EPOCHS + " split 3/\\d+");
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(8);

    @TempDir
    static Path dir;

    @BeforeAll
    static void writeData() {
        SparkSession spark = PatchRows.localSpark("KilledDriverIT");
        try {
            PatchRows.write(spark, PatchRows.good(1, 400), dir.resolve("data/train"));
            PatchRows.write(spark, PatchRows.good(2, 20), dir.resolve("data/validation"));
        } finally {
            spark.stop();
        }
    }

    private static List<String> train(Path run) {
        List<String> command = Build.launcher("1g");
        command.addAll(List.of("--master", "local[2]", "train"));
        command.addAll(PatchRows.tinyTraining(dir.resolve("data").toUri().toString(), run.toUri().toString(), EPOCHS));
        return command;
    }

    @Test
    void aDriverKilledMidEpochLeavesItsCheckpointAndTheRerunTakesOverTheLockAndFinishes() throws Exception {
        Path run = dir.resolve("run");
        CheckpointStore store = CheckpointStore.open(run.toUri().toString(), new Configuration());
        try (BackgroundProcess killed = BackgroundProcess.start("train-killed", train(run),
                Build.launcherEnvironment(), Build.logDirectory().resolve("killed-driver-train.log"))) {
            killed.awaitOutput(MID_SECOND_EPOCH, RUN_TIMEOUT);
        }
        CheckpointInfo atKill = store.latestValid().orElseThrow(() -> new AssertionError("no checkpoint at the kill"));
        assertEquals(new TrainingCursor(1, 0), atKill.cursor(), "killed in the second epoch");
        assertTrue(Files.exists(run.resolve(RunLock.FILE_NAME)), "the dead driver never released its lock");

        ChildProcess rerun = ChildProcess.run(train(run), Build.launcherEnvironment(),
                Build.logDirectory().resolve("killed-driver-rerun.log"), RUN_TIMEOUT.toMinutes());

        assertEquals(0, rerun.exitCode(), rerun.output());
        assertTrue(rerun.output().contains("Taking over the run lock " + store.root() + "/" + RunLock.FILE_NAME),
                rerun.output());
        String output = rerun.output();
        assertTrue(output.contains("Resuming from " + atKill.location() + " at epoch 1 split 0"), output);
        assertTrue(output.contains("Training stopped (MAX_EPOCHS) after " + EPOCHS + " epochs"), output);
        CheckpointInfo newest = store.latestValid().orElseThrow();
        assertEquals(new TrainingCursor(EPOCHS, 0), newest.cursor());
        assertTrue(store.list().contains(atKill), "the checkpoint of the killed run is kept");
        assertTrue(newest.sequence() > atKill.sequence());
        assertTrue(Files.notExists(run.resolve(RunLock.FILE_NAME)), "the rerun released the lock");
    }
}
