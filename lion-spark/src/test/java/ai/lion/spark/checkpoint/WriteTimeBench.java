package ai.lion.spark.checkpoint;

import ai.lion.core.models.LionConfig;
import ai.lion.core.models.LionModel;
import ai.lion.spark.testing.MiniHdfs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ContentSummary;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures how long {@link CheckpointStore#write} and a resume ({@code latestValid()} + {@code load})
 * take for LION patch classifiers of about 0.1 M, 0.4 M and 1.6 M parameters (AdamW, so the updater
 * state doubles what is stored) on {@code file://} and on a MiniDFSCluster, and prints a table. Asserts
 * nothing; it is a measurement, not a test. Rows: {@code memory} is writing the {@code LionModel} file
 * alone, into a byte array (the floor); {@code file} the checksummed local file system;
 * {@code hdfs-400} an HDFS client with Hadoop's default close polling (400 ms first wait);
 * {@code hdfs-25} the {@link MiniHdfs} client (25 ms first wait). Writes include the retention pass.
 *
 * <p>Not part of the suite (the name matches no surefire include). Run it with
 * {@code mvn -o -q -pl lion-spark -am test -Dtest=WriteTimeBench -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("bench")
class WriteTimeBench {

    private static final int[] WIDTHS = {64, 128, 256};
    private static final int WARMUP = 2;
    private static final int WRITES = 9;
    private static final int RESUMES = 3;

    @TempDir
    static java.nio.file.Path dir;

    @Test
    void printWriteTimes() throws IOException {
        try (MiniHdfs hdfs = MiniHdfs.start(dir.resolve("hdfs"))) {
            System.out.printf("%n%-8s %10s %12s %14s %12s %12s %14s%n", "fs", "params", "ckpt bytes",
                    "write median", "write min", "write max", "resume median");
            for (int hidden : WIDTHS) {
                LionModel graph = TestModels.trained(LionConfig.builder().width(hidden).depth(2).heads(4)
                        .patches(32, 4, 3).numClasses(10).seed(1).build(), 1);
                serializeOnly(graph);
                measure("file", dir.resolve("local-" + hidden).toUri().toString(), new Configuration(), graph);
                measure("hdfs-400", hdfs.url("/bench/default-" + hidden), withHadoopDefaultClosePolling(hdfs), graph);
                measure("hdfs-25", hdfs.url("/bench/mini-" + hidden), hdfs.configuration(), graph);
            }
        }
    }

    /** A client that polls for file completion like an unconfigured Hadoop client (400 ms, 5 retries). */
    private static Configuration withHadoopDefaultClosePolling(MiniHdfs hdfs) {
        Configuration conf = hdfs.configuration();
        conf.setBoolean("fs.hdfs.impl.disable.cache", true); // a client of its own, not the cached one
        conf.setInt(MiniHdfs.CLOSE_POLL_INITIAL_DELAY_MS, 400);
        conf.setInt(MiniHdfs.CLOSE_POLL_RETRIES, 5);
        return conf;
    }

    private static void serializeOnly(LionModel graph) throws IOException {
        double[] times = new double[WRITES];
        for (int i = 0; i < WRITES; i++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            long start = System.nanoTime();
            graph.write(out, true);
            times[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(times);
        System.out.printf("%-8s %10d %12s %11.1f ms%n", "memory", graph.network().numParams(), "", times[WRITES / 2]);
    }

    private static void measure(String label, String root, Configuration conf, LionModel graph)
            throws IOException {
        CheckpointStore store = CheckpointStore.open(root, conf);
        double[] writes = new double[WRITES];
        CheckpointInfo last = null;
        for (int i = -WARMUP; i < WRITES; i++) {
            Checkpoint checkpoint = Checkpoint.builder(graph, new TrainingCursor(i + WARMUP, 0)).build();
            long start = System.nanoTime();
            last = store.write(checkpoint);
            if (i >= 0) {
                writes[i] = (System.nanoTime() - start) / 1e6;
            }
        }
        double[] resumes = new double[RESUMES];
        for (int i = 0; i < RESUMES; i++) {
            long start = System.nanoTime();
            store.load(store.latestValid().orElseThrow());
            resumes[i] = (System.nanoTime() - start) / 1e6;
        }
        ContentSummary size = last.location().getFileSystem(conf).getContentSummary(last.location());
        Arrays.sort(writes);
        Arrays.sort(resumes);
        System.out.printf("%-8s %10d %12d %11.1f ms %9.1f ms %9.1f ms %11.1f ms%n", label, graph.network().numParams(),
                size.getLength(), writes[WRITES / 2], writes[0], writes[WRITES - 1], resumes[RESUMES / 2]);
    }
}
