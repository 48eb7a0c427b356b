package ai.lion.jobs.it;

import ai.lion.spark.checkpoint.CheckpointInfo;
import ai.lion.spark.checkpoint.CheckpointStore;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Training on a real Spark standalone cluster — a Master and two one-core Worker processes — through
 * the shaded jar and {@code spark-submit --master spark://…}, with data and checkpoints on HDFS (a
 * MiniDFSCluster in this JVM). One run is left alone; in a second, identical run one Worker and its
 * executor are killed with {@code SIGKILL} in the middle of the first epoch. Spark reruns the lost
 * tasks on the surviving executor, and because every split's data and seeds depend only on the run's
 * configuration, the interrupted run must end with the same parameters as the undisturbed one.
 */
@Tag("slow")
class StandaloneClusterIT {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(8);
    /** A split line of the first epoch after which the kill lands mid-epoch (of 8 splits). */
    private static final Pattern MID_FIRST_EPOCH = Pattern.compile("epoch 1/2 split 3/\\d+");

    @TempDir
    static Path hdfsBase;

    private static MiniDFSCluster hdfs;
    private static StandaloneCluster spark;
    private static String data;

    @BeforeAll
    static void startClusters() throws Exception {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, hdfsBase.toString());
        hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        hdfs.waitActive();
        spark = StandaloneCluster.start(2, "1g", logs());
        data = hdfs.getURI() + "/lion/listops";
        try (BackgroundProcess prepare = submit("prepare", List.of(
                "--set", "data.path=" + data,
                "--set", "prepare.partitions=2",
                "--set", "prepare.params.trainSize=256",
                "--set", "prepare.params.validationSize=32",
                "--set", "prepare.params.testSize=32",
                "--set", "prepare.params.minLength=16",
                "--set", "prepare.params.maxLength=48",
                "--set", "prepare.params.maxDepth=3"), "prepare")) {
            assertEquals(0, prepare.awaitExit(RUN_TIMEOUT), prepare.output());
        }
    }

    @AfterAll
    static void stopClusters() throws InterruptedException {
        if (spark != null) {
            spark.close();
        }
        if (hdfs != null) {
            hdfs.shutdown();
        }
    }

    @Test
    void aRunThatLosesAWorkerMidEpochEndsWithTheUndisturbedRunsModel() throws Exception {
        String undisturbed = hdfs.getURI() + "/lion/runs/undisturbed";
        String interrupted = hdfs.getURI() + "/lion/runs/worker-killed";

        try (BackgroundProcess run = train(undisturbed, "train-undisturbed")) {
            assertEquals(0, run.awaitExit(RUN_TIMEOUT), run.output());
            assertTrue(run.output().contains("master " + spark.url()), run.output());
        }
        try (BackgroundProcess run = train(interrupted, "train-worker-killed")) {
            run.awaitOutput(MID_FIRST_EPOCH, RUN_TIMEOUT);
            spark.killWorker(1);
            assertEquals(0, run.awaitExit(RUN_TIMEOUT), run.output());
            assertTrue(run.output().contains("Lost executor"), "the kill did not reach the run:\n" + run.output());
            assertTrue(run.output().contains("epoch 2/2 done"), run.output());
        }

        INDArray expected = finalParameters(undisturbed);
        INDArray actual = finalParameters(interrupted);
        assertEquals(expected.length(), actual.length());
        double scale = expected.amaxNumber().doubleValue();
        double difference = expected.sub(actual).amaxNumber().doubleValue();
        assertTrue(difference <= 1e-5 * scale,
                "largest parameter difference " + difference + " against largest parameter " + scale);
    }

    private static BackgroundProcess train(String checkpoints, String name) throws IOException {
        return submit("train", List.of(
                "--set", "data.path=" + data,
                "--set", "checkpoint.path=" + checkpoints,
                "--set", "model.width=16",
                "--set", "model.depth=1",
                "--set", "model.heads=2",
                "--set", "model.input.max-length=48",
                "--set", "train.epochs=2",
                "--set", "train.workers=2",
                "--set", "train.batch-size-per-worker=8",
                "--set", "train.averaging-frequency=2"), name);
    }

    /** The shaded jar's {@code command} with the ListOps LION-S config, submitted to the standalone cluster. */
    private static BackgroundProcess submit(String command, List<String> settings, String name) throws IOException {
        List<String> line = new ArrayList<>(Build.sparkSubmit("1g"));
        line.addAll(List.of(
                "--master", spark.url(),
                "--total-executor-cores", "2",
                "--executor-cores", "1",
                "--executor-memory", "640m",
                "--properties-file", Build.projectRoot().resolve("conf/spark-defaults.conf").toString(),
                "--class", System.getProperty("lion.jobs.main"),
                Build.jobsJar().toString(),
                command,
                "--config", Build.projectRoot().resolve("conf/listops-lion-s.conf").toString()));
        line.addAll(settings);
        return BackgroundProcess.start(name, line, StandaloneCluster.environment(), logs().resolve(name + ".log"));
    }

    private static INDArray finalParameters(String checkpoints) throws IOException {
        CheckpointStore store = CheckpointStore.open(checkpoints, hdfs.getConfiguration(0));
        CheckpointInfo newest = store.latestValid().orElseThrow(() -> new AssertionError("no checkpoint in " + checkpoints));
        assertEquals(2, newest.cursor().epoch(), "the newest checkpoint should be the finished run's: " + newest);
        return store.load(newest).model().network().params();
    }

    private static Path logs() {
        return Build.logDirectory().resolve("standalone-cluster");
    }
}
