package ai.lion.jobs.faults;

import ai.lion.jobs.ExitCode;
import ai.lion.jobs.LionJobs;
import ai.lion.spark.checkpoint.CheckpointInfo;
import ai.lion.spark.checkpoint.CheckpointStore;
import ai.lion.spark.checkpoint.RunLock;
import ai.lion.spark.checkpoint.TrainingCursor;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults around the checkpoints of {@code lion train}, through {@link LionJobs#run} on a real Spark
 * local[2] and the local file system: a locked checkpoint path, an unwritable one, a corrupt newest
 * checkpoint, a diverging run. One epoch of a tiny model is trained once and copied per case.
 */
@Tag("slow")
class CheckpointFaultsTest {

    private static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.LongType)
            .add("patches", DataTypes.createArrayType(DataTypes.FloatType))
            .add("label", DataTypes.IntegerType);

    @TempDir
    static Path dir;

    /** What one command printed and returned. */
    private record Run(ExitCode exit, String out, String err) {
    }

    @BeforeAll
    static void prepareAndTrainOneEpoch() {
        SparkSession spark = SparkSession.builder().master("local[2]").appName("CheckpointFaultsTest")
                .config("spark.ui.enabled", "false").getOrCreate();
        try {
            spark.createDataFrame(rows(1, 80), SCHEMA).write().parquet(dir.resolve("data/train").toString());
            spark.createDataFrame(rows(2, 20), SCHEMA).write().parquet(dir.resolve("data/validation").toString());
        } finally {
            spark.stop();
        }
        Run first = train(dir.resolve("trained"));
        assertEquals(ExitCode.OK, first.exit(), first.err());
    }

    private static List<Row> rows(long seed, int count) {
        Random random = new Random(seed);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<Float> patches = new ArrayList<>();
            for (int v = 0; v < 64; v++) {
                patches.add((float) random.nextGaussian());
            }
            rows.add(RowFactory.create((long) i, patches, random.nextInt(2)));
        }
        return rows;
    }

    /** {@code lion train} of a tiny model into {@code run}, with {@code extra} overrides. */
    private static Run train(Path run, String... extra) {
        List<String> args = new ArrayList<>(List.of("train",
                "--set", "data.path=" + dir.resolve("data").toUri(),
                "--set", "checkpoint.path=" + run.toUri(),
                "--set", "model.width=8", "--set", "model.depth=1", "--set", "model.heads=2",
                "--set", "model.num-classes=2", "--set", "model.input.kind=patches",
                "--set", "model.input.image-size=8", "--set", "model.input.patch-size=4",
                "--set", "train.epochs=1", "--set", "train.batch-size-per-worker=20",
                "--set", "train.averaging-frequency=1", "--set", "train.warmup-epochs=0",
                "--set", "train.lr-schedule=constant", "--set", "train.workers=2",
                "--set", "spark.master=local[2]", "--set", "spark.conf.\"spark.ui.enabled\"=false"));
        args.addAll(List.of(extra));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ExitCode exit = LionJobs.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
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
            Run second = train(run, "--set", "train.epochs=2");

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

        Run second = train(run, "--set", "train.epochs=2", "--set", "checkpoint.take-over-lock=true");

        assertEquals(ExitCode.OK, second.exit(), second.err());
        assertEquals(new TrainingCursor(2, 0), store.latestValid().orElseThrow().cursor());
        assertFalse(Files.exists(run.resolve(RunLock.FILE_NAME)), "released at the end");
        dead.close();
    }

    @Test
    void aCheckpointPathThatCannotBeWrittenFailsBeforeTrainingNamingIt() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
        Path run = file.resolve("run");

        Run failed = train(run);

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
        Run second = train(run, "--set", "train.epochs=2");
        assertEquals(ExitCode.OK, second.exit(), second.err());
        CheckpointInfo damaged = store.latestValid().orElseThrow();
        Path model = Path.of(damaged.location().toUri()).resolve("model.zip");
        Files.write(model, new byte[] {1, 2, 3});

        Run third = train(run, "--set", "train.epochs=2");

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

        Run diverged = train(run, "--set", "train.epochs=2", "--set", "train.learning-rate=1e30",
                "--set", "train.min-learning-rate=1e30");

        assertEquals(ExitCode.JOB_FAILED, diverged.exit());
        assertTrue(diverged.err().contains("training diverged in epoch 2/2, split "), diverged.err());
        assertTrue(diverged.err().contains(" at learning rate 1.0E30: "), diverged.err());
        assertTrue(diverged.err().contains("the newest checkpoint is " + good.location()), diverged.err());
        assertEquals(good, store.latestValid().orElseThrow());
        assertFalse(Files.exists(run.resolve(RunLock.FILE_NAME)), "lock released on failure");
    }
}
