package ai.lion.spark.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lion.core.models.LionModel;
import ai.lion.core.models.LionModels;
import ai.lion.core.models.Provenance;
import ai.lion.spark.checkpoint.Checkpoint;
import ai.lion.spark.checkpoint.CheckpointInfo;
import ai.lion.spark.checkpoint.CheckpointStore;
import ai.lion.spark.checkpoint.TrainingCursor;
import ai.lion.spark.data.DataFrameBatcher;
import ai.lion.spark.testing.LogCapture;
import ai.lion.spark.testing.MiniHdfs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileUtil;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * End-to-end training on a real Spark local[2] with checkpoints on a real HDFS (MiniDFSCluster):
 * learning, checkpoint contents, resume after a damaged checkpoint or a killed driver JVM, early stopping.
 */
class LionTrainerTest {

    private static final Logger LOG = LoggerFactory.getLogger(LionTrainerTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tempDir;
    private static MiniHdfs hdfs;
    private static SparkSession spark;
    private static JavaSparkContext sc;
    private static TrainingReport reference;

    @BeforeAll
    static void start() throws IOException {
        hdfs = MiniHdfs.start(tempDir.resolve("hdfs"));
        spark = TrainingSpark.local(LionTrainerTest.class);
        sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    }

    @AfterAll
    static void stop() {
        spark.stop();
        hdfs.close();
    }

    /** The uninterrupted reference run, trained once for the tests that compare with it. */
    private static synchronized TrainingReport reference() throws IOException {
        if (reference == null) {
            reference = ReferenceRun.fit(spark, hdfs.url("/runs/reference"));
            for (EpochMetrics epoch : reference.epochs()) {
                LOG.info("MEASURED local[2] epoch {}: {} s ({} splits; data {} s, train {} s, validation {} s)",
                        epoch.epoch(), epoch.seconds(), epoch.splits(), epoch.dataSeconds(), epoch.trainSeconds(),
                        epoch.validationSeconds());
            }
            LOG.info("MEASURED checkpoint writes to HDFS (s): {}", reference.checkpointSeconds());
        }
        return reference;
    }

    private static org.apache.hadoop.fs.Path hdfsPath(String path) {
        return new org.apache.hadoop.fs.Path(path);
    }

    private static CheckpointStore store(String path) throws IOException {
        return CheckpointStore.open(hdfs.url(path), hdfs.configuration());
    }

    @Test
    void trainingLowersTheValidationLossAndCheckpointsEverythingOnHdfs() throws IOException {
        ComputationGraph untrained = LionModels.build(ReferenceRun.MODEL, ReferenceRun.OPTIMIZER);
        EvaluationResult before = Evaluator.evaluate(sc, untrained, validationBatches());

        TrainingReport report = reference();

        assertEquals(StopReason.MAX_EPOCHS, report.stopReason());
        assertEquals(ReferenceRun.EPOCHS, report.epochs().size());
        EpochMetrics last = report.finalEpoch().orElseThrow();
        assertTrue(last.validationLoss() < 0.8 * before.loss(),
                "validation loss " + before.loss() + " -> " + last.validationLoss());
        assertTrue(last.validationLoss() < report.epochs().get(0).validationLoss(), report.epochs()::toString);
        assertTrue(last.validationAccuracy() > 0.6, "accuracy " + last.validationAccuracy() + " (chance 1/3)");
        assertEquals(ReferenceRun.VALIDATION_ROWS, before.examples());

        CheckpointStore store = store("/runs/reference");
        CheckpointInfo newest = store.latestValid().orElseThrow();
        assertEquals(new TrainingCursor(ReferenceRun.EPOCHS, 0), newest.cursor());
        assertEquals(newest, report.lastCheckpoint());
        assertTrue(newest.location().toString().startsWith(hdfs.uri().toString()), newest.location()::toString);
        assertEquals(last.validationLoss(), newest.scores().get(MetricNames.VALIDATION_LOSS).orElseThrow(), 0.0);
        Checkpoint restored = store.load(newest);
        assertSameState(report.model().network(), restored.model().network());
        assertEquals(ReferenceRun.MODEL, restored.model().config());
        Provenance provenance = restored.model().provenance();
        assertEquals(Map.of("train", ReferenceRun.TRAIN_PATH, "validation", ReferenceRun.VALIDATION_PATH),
                provenance.dataPaths());
        assertEquals(Map.of("training", ReferenceRun.SEED), provenance.seeds());
        assertEquals(new Provenance.Position(ReferenceRun.EPOCHS, 0,
                report.epochs().stream().mapToLong(EpochMetrics::examples).sum()), provenance.position());
        assertEquals(Provenance.CODE_VERSION, provenance.codeVersion());
        assertEquals(report.model().provenance(), provenance);
    }

    /** Parameters, updater state and outputs on validation minibatches are bit-identical. */
    private static void assertSameState(ComputationGraph expected, ComputationGraph actual) {
        assertArrayEquals(expected.params().toFloatVector(), actual.params().toFloatVector(), 0f, "parameters");
        assertArrayEquals(expected.getUpdater().getStateViewArray().toFloatVector(),
                actual.getUpdater().getStateViewArray().toFloatVector(), 0f, "updater state");
        for (MultiDataSet batch : validationBatches().take(2)) {
            INDArray[] features = batch.getFeatures();
            INDArray[] masks = batch.getFeaturesMaskArrays();
            assertArrayEquals(expected.output(false, features, masks, null)[0].ravel().toFloatVector(),
                    actual.output(false, features, masks, null)[0].ravel().toFloatVector(), 0f, "outputs");
        }
    }

    private static JavaRDD<MultiDataSet> validationBatches() {
        return new DataFrameBatcher(SyntheticPatches.spec(ReferenceRun.MODEL, ReferenceRun.BATCH_SIZE))
                .batch(ReferenceRun.validation(spark), 0).rdd();
    }

    @Test
    void theMetricsLogOnHdfsHoldsEverySplitAndEpochWithTheScheduledLearningRates() throws IOException {
        TrainingReport report = reference();

        List<JsonNode> lines = readAll(store("/runs/reference").metricsLog().readAll());

        assertEquals("start", lines.get(0).get("event").asText());
        List<JsonNode> epochs = lines.stream().filter(line -> line.get("type").asText().equals("epoch")).toList();
        assertEquals(ReferenceRun.EPOCHS, epochs.size());
        for (int e = 0; e < epochs.size(); e++) {
            assertEquals(report.epochs().get(e).validationLoss(), epochs.get(e).get(MetricNames.VALIDATION_LOSS).asDouble(), 0.0);
        }
        List<JsonNode> splits = lines.stream().filter(line -> line.get("type").asText().equals("split")).toList();
        assertEquals(report.epochs().stream().mapToInt(EpochMetrics::splits).sum(), splits.size());
        for (JsonNode split : splits) {
            // the schedule at the split's midpoint: warm-up over 0.5 epochs, then cosine from 0.02 to 0.002
            double t = split.get("epoch").asInt() + (split.get("split").asInt() + 0.5) / split.get("splits").asInt();
            double expected = t < 0.5 ? 0.02 * t / 0.5
                    : 0.002 + 0.018 * 0.5 * (1 + Math.cos(Math.PI * (t - 0.5) / (ReferenceRun.EPOCHS - 0.5)));
            assertEquals(expected, split.get("learning_rate").asDouble(), 1e-12, split::toString);
        }
        assertEquals(ReferenceRun.TRAIN_ROWS,
                splits.stream().filter(s -> s.get("epoch").asInt() == 0).mapToLong(s -> s.get("examples").asLong()).sum());
    }

    @Test
    void everyEpochRecordsWhereItsSplitTimeWent() throws IOException {
        TrainingReport report = reference();

        List<JsonNode> times = readAll(store("/runs/reference").metricsLog().readAll()).stream()
                .filter(line -> line.get("type").asText().equals("split_times")).toList();

        assertEquals(ReferenceRun.EPOCHS, times.size());
        int workers = ReferenceRun.WORKERS;
        for (JsonNode line : times) {
            assertEquals(report.epochs().get(line.get("epoch").asInt()).splits(), line.get("splits").asInt());
            JsonNode seconds = line.get("seconds_per_split");
            double wall = seconds.get("wall").asDouble();
            double task = seconds.get("task").asDouble();
            double run = seconds.get("task_run").asDouble();
            double fit = seconds.get("fit").asDouble();
            assertTrue(fit > 0 && fit <= run && run <= task && task <= wall, line::toString);
            double busy = line.get("busy_workers").asDouble();
            assertTrue(busy > 0 && busy <= workers, line::toString);
            assertTrue(line.get("tasks_per_split").asDouble() >= workers, line::toString);
            // a worker fits at most averagingFrequency minibatches (of the BatchSpec's size) per split
            double step = line.get("fit_seconds_per_minibatch").asDouble();
            assertTrue(step > 0 && fit <= step * ReferenceRun.AVERAGING_FREQUENCY * (1 + 1e-9), line::toString);
        }
    }

    @Test
    void aTruncatedNewestCheckpointIsSkippedAndTheResumedRunEndsLikeTheUninterruptedOne() throws IOException {
        TrainingReport uninterrupted = reference();
        FileUtil.copy(hdfs.fileSystem(), hdfsPath("/runs/reference"), hdfs.fileSystem(), hdfsPath("/runs/truncated"),
                false, hdfs.configuration());
        List<CheckpointInfo> checkpoints = store("/runs/truncated").list();
        CheckpointInfo newest = checkpoints.get(checkpoints.size() - 1);
        CheckpointInfo previous = checkpoints.get(checkpoints.size() - 2);
        org.apache.hadoop.fs.Path model = hdfsPath(newest.location() + "/model.zip");
        hdfs.truncate(model, hdfs.fileSystem().getFileStatus(model).getLen() / 2);

        TrainingReport resumed;
        try (LogCapture log = LogCapture.of("ai.lion.spark.checkpoint")) {
            resumed = ReferenceRun.fit(spark, hdfs.url("/runs/truncated"));
            assertTrue(log.warned("Checkpoint " + newest.location() + " is corrupt", "moved it aside to "
                    + new org.apache.hadoop.fs.Path(newest.location().getParent(), "_corrupt-" + newest.location().getName())),
                    log.warnings()::toString);
        }

        assertEquals(Optional.of(previous.cursor()), resumed.resumedFrom());
        assertEquals(new TrainingCursor(ReferenceRun.EPOCHS, 0), resumed.lastCheckpoint().cursor());
        assertEquals(uninterrupted.epochs().size(), resumed.epochs().size());
        assertCloseParameters("resumed in-process after a truncated checkpoint", uninterrupted.model().network(), resumed.model().network());
    }

    @Test
    void earlyStoppingEndsTheRunAndARerunTrainsNothing() throws IOException {
        LionTrainer trainer = ReferenceRun.trainer(hdfs.url("/runs/early")).epochs(4)
                .earlyStopping(new EarlyStopping(1, 10.0)) // no later epoch can improve by 10
                .build();

        TrainingReport stopped = fitSmall(trainer);
        TrainingReport rerun = fitSmall(trainer);

        assertEquals(StopReason.EARLY_STOPPING, stopped.stopReason());
        assertEquals(2, stopped.epochs().size(), "the first epoch improves, the second does not");
        assertEquals(StopReason.EARLY_STOPPING, rerun.stopReason());
        assertEquals(Optional.of(new TrainingCursor(2, 0)), rerun.resumedFrom());
        assertEquals(stopped.epochs(), rerun.epochs());
        assertTrue(rerun.checkpointSeconds().isEmpty(), "nothing was trained, nothing written");
    }

    /** 64 training rows: one split per epoch. */
    private static TrainingReport fitSmall(LionTrainer trainer) throws IOException {
        return trainer.fit(ReferenceRun.train(spark, 64), ReferenceRun.validation(spark));
    }

    @Test
    void aCheckpointOfADifferentModelIsRefusedByParameterName() throws IOException {
        LionModel wider = LionModel.build(ReferenceRun.MODEL.toBuilder().width(12).build(), ReferenceRun.OPTIMIZER,
                Provenance.unknown());
        writeCheckpoint("/runs/other-model", wider, referenceLayout());

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> ReferenceRun.fit(spark, hdfs.url("/runs/other-model")));

        assertTrue(refused.getMessage().endsWith("/runs/other-model/ckpt-000001 holds parameter 'block0_fc1B' as"
                + " [1, 24], but the model of this run has it as [1, 16]; resume with the same model or use a new"
                + " checkpoint root"), refused.getMessage());
    }

    @Test
    void aCheckpointOfADifferentDataLayoutIsRefused() throws IOException {
        LionModel same = LionModel.build(ReferenceRun.MODEL, ReferenceRun.OPTIMIZER, Provenance.unknown());
        RunLayout reference = referenceLayout();
        writeCheckpoint("/runs/other-layout", same, new RunLayout(reference.seed(), 3, reference.averagingFrequency(),
                reference.batchSizePerWorker(), reference.minibatchSize()));

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> ReferenceRun.fit(spark, hdfs.url("/runs/other-layout")));

        assertTrue(refused.getMessage().contains("workers=3"), refused.getMessage());
    }

    private static RunLayout referenceLayout() {
        return new RunLayout(ReferenceRun.SEED, 2, 2, ReferenceRun.BATCH_SIZE, ReferenceRun.BATCH_SIZE);
    }

    /** A checkpoint at the start of epoch 1 with the metrics of a run of {@code layout}. */
    private static void writeCheckpoint(String path, LionModel model, RunLayout layout) throws IOException {
        store(path).write(Checkpoint.builder(model, new TrainingCursor(1, 0))
                .metricsLog(TrainingHistory.start(layout, ReferenceRun.EPOCHS).lines()).build());
    }

    @Test
    @Tag("slow")
    void aKilledDriverResumesAtItsCheckpointAndEndsLikeTheUninterruptedRun() throws Exception {
        TrainingReport uninterrupted = reference();
        String root = hdfs.url("/runs/killed");
        CheckpointStore store = store("/runs/killed");

        Path firstLog = tempDir.resolve("driver-1.log");
        Process first = ChildJvm.start(ReferenceRunMain.class, firstLog, "1g", root);
        awaitCheckpointOfEpoch(store, 1, first, firstLog);
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        TrainingCursor saved = store.latestValid().orElseThrow().cursor();
        LOG.info("Killed the driver; newest checkpoint at {}", saved);

        Path secondLog = tempDir.resolve("driver-2.log");
        Process second = ChildJvm.start(ReferenceRunMain.class, secondLog, "1g", root);
        assertTrue(second.waitFor(5, TimeUnit.MINUTES), () -> "the restarted driver did not finish:\n"
                + ChildJvm.tail(secondLog, 40));
        assertEquals(0, second.exitValue(), () -> ChildJvm.tail(secondLog, 60));

        List<JsonNode> resumes = readAll(store.metricsLog().readAll()).stream()
                .filter(line -> line.get("type").asText().equals("run") && line.get("event").asText().equals("resume"))
                .toList();
        assertEquals(1, resumes.size());
        assertEquals(saved, new TrainingCursor(resumes.get(0).get("epoch").asInt(), resumes.get(0).get("split").asInt()));
        CheckpointInfo finalCheckpoint = store.latestValid().orElseThrow();
        assertEquals(new TrainingCursor(ReferenceRun.EPOCHS, 0), finalCheckpoint.cursor());
        assertCloseParameters("resumed in a new driver JVM after a kill", uninterrupted.model().network(),
                store.load(finalCheckpoint).model().network());
    }

    private static void awaitCheckpointOfEpoch(CheckpointStore store, int epochs, Process driver, Path log)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (System.nanoTime() < deadline) {
            if (store.list().stream().anyMatch(info -> info.cursor().epoch() >= epochs)) {
                return;
            }
            if (!driver.isAlive()) {
                throw new AssertionError("the driver exited (" + driver.exitValue() + ") before epoch " + epochs
                        + " was checkpointed:\n" + ChildJvm.tail(log, 60));
            }
            Thread.sleep(100);
        }
        driver.destroyForcibly();
        throw new AssertionError("no checkpoint of epoch " + epochs + " in time:\n" + ChildJvm.tail(log, 40));
    }

    /**
     * Equal within float32 tolerance; the largest difference is logged (0 means the resumed run is
     * bit-identical to the uninterrupted one).
     */
    private static void assertCloseParameters(String what, ComputationGraph expected, ComputationGraph actual) {
        float[] want = expected.params().toFloatVector();
        float[] got = actual.params().toFloatVector();
        double largest = 0;
        for (int i = 0; i < want.length; i++) {
            largest = Math.max(largest, Math.abs(want[i] - got[i]));
        }
        LOG.info("MEASURED {}: largest parameter difference to the uninterrupted run {}", what, largest);
        assertArrayEquals(want, got, 1e-5f, what);
    }

    private static List<JsonNode> readAll(List<String> lines) {
        return lines.stream().map(line -> {
            try {
                return JSON.readTree(line);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + line, e);
            }
        }).toList();
    }
}
