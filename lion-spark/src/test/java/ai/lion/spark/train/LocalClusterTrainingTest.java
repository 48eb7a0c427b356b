package ai.lion.spark.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lion.spark.checkpoint.CheckpointStore;
import ai.lion.spark.testing.MiniHdfs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Training on {@code local-cluster[2,1,1024]}: a standalone master and worker in this JVM, two
 * executors in their own JVMs, the Export approach writing minibatches to a real HDFS, and one
 * executor JVM killed while an epoch runs.
 */
@Tag("slow")
class LocalClusterTrainingTest {

    private static final Logger LOG = LoggerFactory.getLogger(LocalClusterTrainingTest.class);

    @TempDir
    static Path tempDir;
    private static MiniHdfs hdfs;
    private static SparkSession spark;

    @BeforeAll
    static void start() throws IOException {
        requireSparkDistribution();
        hdfs = MiniHdfs.start(tempDir.resolve("hdfs"));
        spark = TrainingSpark.configured(LocalClusterTrainingTest.class, "local-cluster[2,1,1024]")
                .config("spark.executor.extraClassPath", ChildJvm.classpath())
                .config("spark.hadoop.fs.defaultFS", hdfs.uri().toString())
                .getOrCreate();
    }

    /** local-cluster launches executors from {@code $SPARK_HOME/jars}, which the spark-dist module fills. */
    private static void requireSparkDistribution() {
        String home = System.getenv("SPARK_HOME");
        assertTrue(home != null && Files.isDirectory(Path.of(home, "jars")), () -> "local-cluster needs $SPARK_HOME/jars"
                + " (SPARK_HOME=" + home + "): build the spark-dist module first, e.g."
                + " mvn -pl spark-dist,lion-spark -am test");
    }

    @AfterAll
    static void stop() {
        spark.stop();
        hdfs.close();
    }

    @Test
    void trainingCompletesAlthoughAnExecutorJvmIsKilledDuringAnEpoch() throws Exception {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        AtomicInteger executorsRemoved = new AtomicInteger();
        spark.sparkContext().addSparkListener(new SparkListener() {
            @Override
            public void onExecutorRemoved(SparkListenerExecutorRemoved removed) {
                executorsRemoved.incrementAndGet();
            }
        });
        String root = hdfs.url("/runs/cluster");
        LionTrainer trainer = ReferenceRun.trainer(root).epochs(2).trainingApproach(RDDTrainingApproach.Export).build();
        CompletableFuture<TrainingReport> training = CompletableFuture.supplyAsync(() -> {
            try {
                return trainer.fit(ReferenceRun.train(spark, 128), ReferenceRun.validation(spark));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });

        awaitEndOfFirstEpoch(CheckpointStore.open(root, hdfs.configuration()), training);
        ProcessHandle victim = executorJvms(sc).get(0);
        LOG.info("Killing executor JVM {} while epoch 2 runs", victim.pid());
        victim.destroyForcibly();
        victim.onExit().get(30, TimeUnit.SECONDS);
        TrainingReport report = training.get(8, TimeUnit.MINUTES);

        assertFalse(victim.isAlive());
        assertTrue(executorsRemoved.get() >= 1, "Spark saw the executor go");
        assertEquals(StopReason.MAX_EPOCHS, report.stopReason());
        assertEquals(2, report.epochs().size());
        EpochMetrics first = report.epochs().get(0);
        EpochMetrics last = report.finalEpoch().orElseThrow();
        assertTrue(last.validationLoss() < first.validationLoss(), report.epochs()::toString);
        assertTrue(last.validationAccuracy() > 0.6, "accuracy " + last.validationAccuracy());
        for (EpochMetrics epoch : report.epochs()) {
            LOG.info("MEASURED local-cluster[2,1,1024] epoch {}{}: {} s ({} splits; data {} s, train {} s,"
                    + " validation {} s)", epoch.epoch(), epoch.epoch() == 1 ? " (executor killed)" : "",
                    epoch.seconds(), epoch.splits(), epoch.dataSeconds(), epoch.trainSeconds(),
                    epoch.validationSeconds());
        }
        LOG.info("MEASURED checkpoint writes to HDFS (s): {}", report.checkpointSeconds());
        org.apache.hadoop.fs.Path exports = new org.apache.hadoop.fs.Path("/runs/cluster/_export");
        assertFalse(hdfs.fileSystem().exists(exports) && hdfs.fileSystem().listStatus(exports).length > 0,
                "exported minibatches are deleted after each split");
    }

    private static void awaitEndOfFirstEpoch(CheckpointStore store, CompletableFuture<TrainingReport> training)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (training.isDone()) {
                training.get(); // rethrows the failure
                throw new AssertionError("training ended before an executor could be killed");
            }
            if (store.list().stream().anyMatch(info -> info.cursor().epoch() >= 1)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the first epoch was not checkpointed in time");
    }

    /** The executor JVMs, as reported by tasks running in them (never this driver JVM). */
    private static List<ProcessHandle> executorJvms(JavaSparkContext sc) {
        long driver = ProcessHandle.current().pid();
        List<ProcessHandle> executors = sc.parallelize(List.of(1, 2, 3, 4), 4)
                .map(task -> ProcessHandle.current().pid())
                .distinct()
                .collect().stream()
                .filter(pid -> pid != driver)
                .map(pid -> ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no process " + pid)))
                .toList();
        assertFalse(executors.isEmpty(), "no task ran in an executor JVM");
        return executors;
    }
}
