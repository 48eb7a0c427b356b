package ai.lion.spark.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lion.core.models.LionModel;
import ai.lion.spark.testing.LogCapture;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The behaviour every file system must give a {@link CheckpointStore}; each subclass runs it on a
 * real file system. Roots are fresh per test.
 */
abstract class CheckpointStoreContract {

    private static final List<String> METRICS = List.of(
            "{\"epoch\":0,\"val_loss\":0.91}", "{\"epoch\":1,\"val_loss\":0.62,\"note\":\"lr→1e-3\"}");

    /** A root URI that does not exist yet, different for every call. */
    protected abstract String newRoot();

    /** The Hadoop configuration that reaches the file system under test. */
    protected abstract Configuration conf();

    /** The file system under test. */
    protected abstract FileSystem fileSystem() throws IOException;

    /** Cuts {@code file} to {@code newLength} bytes, as a crash or a full disk would. */
    protected abstract void truncate(Path file, long newLength) throws IOException;

    /** Replaces the bytes of {@code file} behind the store's back (bit rot, a stray writer). */
    protected abstract void replaceContent(Path file, byte[] content) throws IOException;

    @Test
    void writeListLoadRestoresParametersUpdaterStateAndOutputs() throws IOException {
        LionModel graph = TestModels.trained(7, 5);
        CheckpointStore store = CheckpointStore.open(newRoot(), conf());

        CheckpointInfo written = store.write(Checkpoint.builder(graph, new TrainingCursor(2, 17))
                .metricsLog(METRICS).score("val_loss", 0.62).build());

        assertEquals(1, written.sequence());
        assertEquals(new Path(store.root(), "ckpt-000001"), written.location());
        assertEquals(List.of(written), store.list());
        assertEquals(Optional.of(written), store.latestValid());

        Checkpoint loaded = store.load(written);
        DataSet probe = TestModels.batch(99, 8);
        TestModels.assertSameState(graph, loaded.model(), probe.getFeatures());
        assertEquals(new TrainingCursor(2, 17), loaded.cursor());
        assertEquals(METRICS, loaded.metricsLog());
        assertEquals(new Scores(Map.of("val_loss", 0.62)), loaded.scores());

        // the restored Adam moments act exactly like the originals on the next step
        graph.network().fit(probe);
        loaded.model().network().fit(probe);
        TestModels.assertSameState(graph, loaded.model(), probe.getFeatures());
    }

    @Test
    void eachWriteTakesTheNextSequenceNumberAndTheNewestIsResumed() throws IOException {
        LionModel graph = TestModels.trained(1, 1);
        CheckpointStore store = CheckpointStore.open(newRoot(), conf());
        for (int epoch = 1; epoch <= 3; epoch++) {
            store.write(Checkpoint.builder(graph, new TrainingCursor(epoch, 0)).build());
        }
        assertEquals(List.of("ckpt-000001", "ckpt-000002", "ckpt-000003"), childNames(store.root()));
        CheckpointInfo latest = store.latestValid().orElseThrow();
        assertEquals(3, latest.sequence());
        assertEquals(new TrainingCursor(3, 0), latest.cursor());
    }

    @Test
    void retentionKeepsTheLastKAndTheBest() throws IOException {
        LionModel graph = TestModels.trained(2, 1);
        CheckpointStore store = CheckpointStore.open(newRoot(), conf(),
                RetentionPolicy.keepLast(2).andBest("val_loss", MetricGoal.LOWER_IS_BETTER));
        double[] valLoss = {0.9, 0.3, 0.5, 0.6, 0.7};
        for (int i = 0; i < valLoss.length; i++) {
            store.write(Checkpoint.builder(graph, new TrainingCursor(i + 1, 0)).score("val_loss", valLoss[i]).build());
        }
        assertEquals(List.of("ckpt-000002", "ckpt-000004", "ckpt-000005"), childNames(store.root()));
        assertEquals(List.of(2L, 4L, 5L), store.list().stream().map(CheckpointInfo::sequence).toList());
        assertEquals(2, store.best().orElseThrow().sequence());
    }

    @Test
    void defaultRetentionKeepsTheLastThree() throws IOException {
        LionModel graph = TestModels.trained(3, 1);
        CheckpointStore store = CheckpointStore.open(newRoot(), conf());
        for (int epoch = 1; epoch <= 5; epoch++) {
            store.write(Checkpoint.builder(graph, new TrainingCursor(epoch, 0)).score("val_loss", 1.0 / epoch).build());
        }
        assertEquals(List.of("ckpt-000003", "ckpt-000004", "ckpt-000005"), childNames(store.root()));
    }

    @Test
    void theModelFileOfACheckpointIsALionModelByItself() throws IOException {
        LionModel model = TestModels.trained(3, 2);
        CheckpointStore store = CheckpointStore.open(newRoot(), conf());
        CheckpointInfo written = store.write(Checkpoint.builder(model, new TrainingCursor(1, 0)).build());

        Path file = new Path(written.location(), CheckpointFiles.MODEL);
        LionModel alone;
        try (InputStream in = fileSystem().open(file)) {
            alone = LionModel.read(in, file.toString(), true);
        }

        TestModels.assertSameState(model, alone, TestModels.batch(8, 4).getFeatures());
        assertEquals(model.config(), store.config(written), "the config, read without the network");
        assertEquals(List.of(CheckpointFiles.MANIFEST, CheckpointFiles.MANIFEST_CHECKSUM, CheckpointFiles.METRICS,
                CheckpointFiles.MODEL), childNames(written.location()));
    }

    @Test
    void aCheckpointOfTheOlderFormatIsRefusedNotPassedOverOrMovedAside() throws IOException {
        CheckpointStore store = CheckpointStore.open(newRoot(), conf());
        CheckpointInfo written = store.write(Checkpoint.builder(TestModels.trained(2, 1), TrainingCursor.START).build());
        Path manifest = new Path(written.location(), CheckpointFiles.MANIFEST);
        String json = new String(readAll(manifest), StandardCharsets.UTF_8);
        byte[] formatOne = json.replace("\"format\" : " + Manifest.FORMAT, "\"format\" : 1").getBytes(StandardCharsets.UTF_8);
        replaceContent(manifest, formatOne);
        replaceContent(new Path(written.location(), CheckpointFiles.MANIFEST_CHECKSUM), (Sha256.of(formatOne).sha256()
                + "  " + CheckpointFiles.MANIFEST + "\n").getBytes(StandardCharsets.UTF_8));

        UnsupportedCheckpointFormatException refused =
                assertThrows(UnsupportedCheckpointFormatException.class, store::latestValid);
        assertTrue(refused.getMessage().startsWith("Checkpoint " + written.location()
                + " was written by an older version of lion (checkpoint format 1"), refused::getMessage);
        assertThrows(UnsupportedCheckpointFormatException.class, store::recover);
        assertTrue(fileSystem().exists(written.location()), "the checkpoint stays where it is");
    }

    @Test
    void aTruncatedNewestCheckpointIsReportedAndThePreviousOneUsed() throws IOException {
        CheckpointStore store = CheckpointStore.open(newRoot(), conf());
        LionModel older = TestModels.trained(4, 2);
        CheckpointInfo previous = store.write(Checkpoint.builder(older, new TrainingCursor(1, 0)).build());
        CheckpointInfo newest = store.write(Checkpoint.builder(TestModels.trained(4, 4),
                new TrainingCursor(2, 0)).build());
        Path model = new Path(newest.location(), CheckpointFiles.MODEL);
        long size = fileSystem().getFileStatus(model).getLen();
        truncate(model, size / 2);

        try (LogCapture log = LogCapture.of("ai.lion.spark.checkpoint")) {
            assertEquals(Optional.of(previous), store.latestValid());
            String expected = "Skipping corrupt checkpoint " + newest.location() + ": " + CheckpointFiles.MODEL
                    + " has " + size / 2 + " bytes, the manifest says " + size;
            assertTrue(log.warned(expected), log.warnings()::toString);
        }
        CorruptCheckpointException failure = assertThrows(CorruptCheckpointException.class, () -> store.load(newest));
        assertEquals(newest.location(), failure.location());
        assertThrows(CorruptCheckpointException.class, () -> store.config(newest));
        TestModels.assertSameState(older, store.load(previous).model(), TestModels.batch(5, 4).getFeatures());
        assertEquals(older.config(), store.config(previous));
    }

    @ParameterizedTest
    @ValueSource(strings = {CheckpointFiles.MODEL, CheckpointFiles.METRICS, CheckpointFiles.MANIFEST,
            CheckpointFiles.MANIFEST_CHECKSUM})
    void aFlippedByteInAnyFileIsDetectedAndThePreviousCheckpointUsed(String file) throws IOException {
        LionModel graph = TestModels.trained(5, 1);
        CheckpointStore store = CheckpointStore.open(newRoot(), conf());
        CheckpointInfo previous = store.write(Checkpoint.builder(graph, new TrainingCursor(1, 0))
                .metricsLog(METRICS).build());
        CheckpointInfo newest = store.write(Checkpoint.builder(graph, new TrainingCursor(2, 0))
                .metricsLog(METRICS).build());
        Path damaged = new Path(newest.location(), file);
        byte[] content = readAll(damaged);
        content[content.length / 2] ^= 0x04;
        replaceContent(damaged, content);

        CorruptCheckpointException failure = assertThrows(CorruptCheckpointException.class, () -> store.verify(newest));
        assertTrue(failure.getMessage().contains(newest.location().toString()), failure::getMessage);
        String blamed = file.equals(CheckpointFiles.MANIFEST_CHECKSUM) ? CheckpointFiles.MANIFEST : file;
        assertTrue(failure.reason().contains(blamed), failure::reason);
        assertEquals(Optional.of(previous), store.latestValid());
        assertThrows(CorruptCheckpointException.class, () -> store.load(newest));
        assertThrows(CorruptCheckpointException.class, () -> store.config(newest));
    }

    @Test
    void aTemporaryDirectoryLeftByACrashIsIgnoredAndRemovedByTheNextWrite() throws IOException {
        LionModel graph = TestModels.trained(6, 1);
        CheckpointStore store = CheckpointStore.open(newRoot(), conf());
        CheckpointInfo first = store.write(Checkpoint.builder(graph, new TrainingCursor(1, 0)).build());
        // a writer that died after the model file, before the manifest and the rename
        Path crashed = new Path(store.root(), "_tmp-ckpt-000002-5f0c1c1e-crashed");
        byte[] model = readAll(new Path(first.location(), CheckpointFiles.MODEL));
        try (OutputStream out = fileSystem().create(new Path(crashed, CheckpointFiles.MODEL))) {
            out.write(model, 0, model.length / 3);
        }

        assertEquals(List.of(first), store.list());
        assertEquals(Optional.of(first), store.latestValid());

        CheckpointInfo second = store.write(Checkpoint.builder(graph, new TrainingCursor(2, 0)).build());
        assertEquals(2, second.sequence());
        assertFalse(fileSystem().exists(crashed), "leftover temporary directory deleted");
        assertEquals(List.of("ckpt-000001", "ckpt-000002"), childNames(store.root()));
    }

    @Test
    void aStoreWithoutCheckpointsHasNothingToResumeAndReadingCreatesNothing() throws IOException {
        CheckpointStore store = CheckpointStore.open(newRoot(), conf());
        assertEquals(List.of(), store.list());
        assertEquals(Optional.empty(), store.latestValid());
        assertEquals(Optional.empty(), store.best());
        assertEquals(List.of(), store.metricsLog().readAll());
        assertFalse(fileSystem().exists(store.root()));

        fileSystem().mkdirs(store.root());
        assertEquals(Optional.empty(), store.latestValid());
    }

    @Test
    void aRootThatIsAFileIsRejectedNamingThePath() throws IOException {
        String root = newRoot();
        Path file = fileSystem().makeQualified(new Path(root));
        try (OutputStream out = fileSystem().create(file)) {
            out.write(42);
        }
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> CheckpointStore.open(root, conf()));
        assertEquals("checkpoint root '" + file + "' is a file, not a directory", failure.getMessage());
    }

    @Test
    void theMetricsLogReturnsEveryAppendedLineInOrder() throws IOException {
        CheckpointStore store = CheckpointStore.open(newRoot(), conf());
        MetricsLog log = store.metricsLog();
        log.append("{\"epoch\":0,\"train_loss\":1.5}");
        log.append(List.of("{\"epoch\":1,\"train_loss\":1.1}", "{\"epoch\":1,\"val_loss\":1.2}"));
        // a part whose writer died before the rename
        try (OutputStream out = fileSystem().create(new Path(log.location(), "_tmp-part-000003-dead.jsonl"))) {
            out.write("{\"epoch\":2,\"train_lo".getBytes(StandardCharsets.UTF_8));
        }
        List<String> expected = List.of("{\"epoch\":0,\"train_loss\":1.5}", "{\"epoch\":1,\"train_loss\":1.1}",
                "{\"epoch\":1,\"val_loss\":1.2}");
        assertEquals(expected, log.readAll());

        log.append("{\"epoch\":2,\"train_loss\":0.9}");
        assertEquals(List.of("part-000001.jsonl", "part-000002.jsonl", "part-000003.jsonl"),
                childNames(log.location()));
        assertEquals(4, log.readAll().size());
        assertEquals("{\"epoch\":2,\"train_loss\":0.9}", log.readAll().get(3));
    }

    @Test
    void aSecondLockOnTheRootIsRefusedNamingTheRootAndTheHolderUntilTheFirstIsReleased() throws IOException {
        CheckpointStore store = CheckpointStore.open(newRoot(), conf());
        Path lockFile = new Path(store.root(), RunLock.FILE_NAME);
        try (RunLock first = store.lock("app-first", false)) {
            RunLockedException refused = assertThrows(RunLockedException.class, () -> store.lock("app-second", false));
            assertEquals(store.root(), refused.root());
            String message = refused.getMessage();
            assertTrue(message.startsWith("checkpoint directory " + store.root() + " is locked by another training run"
                    + " (host "), message);
            assertTrue(message.contains(", pid " + ProcessHandle.current().pid() + ", Spark application app-first"),
                    message);
            assertTrue(message.endsWith("; lock file " + lockFile + ")"), message);
            first.requireHeld();
        }
        assertFalse(fileSystem().exists(lockFile), "released");
        try (RunLock again = store.lock("app-second", false)) {
            again.requireHeld();
        }
    }

    @Test
    void ofRunsRacingForTheLockExactlyOneGetsIt() throws Exception {
        CheckpointStore store = CheckpointStore.open(newRoot(), conf());
        int racers = 4;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(racers);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<RunLock>> attempts = new java.util.ArrayList<>();
        for (int i = 0; i < racers; i++) {
            String application = "app-" + i;
            attempts.add(pool.submit(() -> {
                start.await();
                try {
                    return store.lock(application, false);
                } catch (RunLockedException refused) {
                    return null;
                }
            }));
        }
        start.countDown();
        List<RunLock> winners = new java.util.ArrayList<>();
        for (java.util.concurrent.Future<RunLock> attempt : attempts) {
            RunLock lock = attempt.get();
            if (lock != null) {
                winners.add(lock);
            }
        }
        pool.shutdown();
        assertEquals(1, winners.size());
        winners.get(0).requireHeld();
        winners.get(0).close();
    }

    @Test
    void aLockWithAStaleHeartbeatIsTakenOverAndItsHolderNoticesBeforeItWritesAgain() throws IOException {
        CheckpointStore store = CheckpointStore.open(newRoot(), conf());
        Path lockFile = new Path(store.root(), RunLock.FILE_NAME);
        RunLock stale = store.lock("app-stale", false);
        long tenMinutesAgo = System.currentTimeMillis() - java.time.Duration.ofMinutes(10).toMillis();
        fileSystem().setTimes(lockFile, tenMinutesAgo, -1);

        try (LogCapture log = LogCapture.of("ai.lion.spark.checkpoint"); RunLock taker = store.lock("app-new", false)) {
            assertTrue(log.warned("Taking over the run lock " + lockFile, "Spark application app-stale",
                    "its heartbeat is 600 s old"), log.warnings()::toString);
            IllegalStateException lost = assertThrows(IllegalStateException.class, stale::requireHeld);
            assertTrue(lost.getMessage().startsWith("this training run lost its lock on " + store.root()
                    + " (now held by host "), lost.getMessage());
            assertTrue(lost.getMessage().contains("Spark application app-new"), lost.getMessage());
            stale.close();
            assertTrue(fileSystem().exists(lockFile), "closing a lost lock leaves the new holder's lock alone");
            taker.requireHeld();
        }
    }

    @Test
    void aLiveLockIsTakenOverWhenAskedTo() throws IOException {
        CheckpointStore store = CheckpointStore.open(newRoot(), conf());
        try (RunLock held = store.lock("app-held", false); RunLock taker = store.lock("app-taker", true)) {
            taker.requireHeld();
            assertThrows(IllegalStateException.class, held::requireHeld);
        }
    }

    @Test
    void theHeartbeatRefreshesTheLocksModificationTime() throws Exception {
        CheckpointStore store = CheckpointStore.open(newRoot(), conf());
        Path lockFile = new Path(store.root(), RunLock.FILE_NAME);
        try (RunLock lock = RunLock.acquire(fileSystem(), store.root(), "app-beating", false,
                java.time.Duration.ofMillis(100))) {
            long old = System.currentTimeMillis() - 60_000;
            fileSystem().setTimes(lockFile, old, -1);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (fileSystem().getFileStatus(lockFile).getModificationTime() <= old && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(fileSystem().getFileStatus(lockFile).getModificationTime() > old + 50_000, "refreshed");
        }
    }

    @Test
    void recoverDeletesLeftoversAndMovesCorruptNewerCheckpointsAsideWithoutReusingTheirNumbers() throws IOException {
        LionModel graph = TestModels.trained(9, 1);
        CheckpointStore store = CheckpointStore.open(newRoot(), conf());
        CheckpointInfo valid = store.write(Checkpoint.builder(graph, new TrainingCursor(1, 0)).build());
        CheckpointInfo corrupt = store.write(Checkpoint.builder(graph, new TrainingCursor(2, 0)).build());
        Path model = new Path(corrupt.location(), CheckpointFiles.MODEL);
        truncate(model, fileSystem().getFileStatus(model).getLen() / 2);
        Path leftover = new Path(store.root(), "_tmp-ckpt-000003-killed");
        fileSystem().mkdirs(leftover);
        Path leftoverPart = new Path(store.metricsLog().location(), "_tmp-part-000001-killed.jsonl");
        fileSystem().create(leftoverPart).close();

        try (LogCapture log = LogCapture.of("ai.lion.spark.checkpoint")) {
            assertEquals(Optional.of(valid), store.recover());
            assertTrue(log.warned("Checkpoint " + corrupt.location() + " is corrupt (" + CheckpointFiles.MODEL + " has ",
                    "moved it aside to " + new Path(store.root(), "_corrupt-ckpt-000002")), log.warnings()::toString);
        }
        assertFalse(fileSystem().exists(leftover));
        assertFalse(fileSystem().exists(leftoverPart));
        assertEquals(List.of("_corrupt-ckpt-000002", "ckpt-000001", "metrics.jsonl"), childNames(store.root()));
        assertEquals(3, store.write(Checkpoint.builder(graph, new TrainingCursor(2, 0)).build()).sequence());
    }

    @Test
    void retentionNeverKeepsACheckpointWithAnUnreadableManifestInsteadOfValidOnes() throws IOException {
        LionModel graph = TestModels.trained(10, 1);
        CheckpointStore store = CheckpointStore.open(newRoot(), conf(), RetentionPolicy.keepLast(2));
        store.write(Checkpoint.builder(graph, new TrainingCursor(1, 0)).build());
        CheckpointInfo second = store.write(Checkpoint.builder(graph, new TrainingCursor(2, 0)).build());
        CheckpointInfo third = store.write(Checkpoint.builder(graph, new TrainingCursor(3, 0)).build());
        replaceContent(new Path(third.location(), CheckpointFiles.MANIFEST), "{".getBytes(StandardCharsets.UTF_8));

        CheckpointInfo fourth = store.write(Checkpoint.builder(graph, new TrainingCursor(4, 0)).build());

        assertEquals(List.of(second, fourth), store.list());
        assertEquals(List.of("_corrupt-ckpt-000003", "ckpt-000002", "ckpt-000004"), childNames(store.root()));
    }


    /** Names in {@code directory}, sorted, without hidden checksum files of the local file system. */
    private List<String> childNames(Path directory) throws IOException {
        return Arrays.stream(fileSystem().listStatus(directory))
                .map(FileStatus::getPath).map(Path::getName)
                .filter(name -> !name.startsWith("."))
                .sorted().toList();
    }

    private byte[] readAll(Path file) throws IOException {
        try (InputStream in = fileSystem().open(file)) {
            return in.readAllBytes();
        }
    }
}
