package ai.lion.jobs.faults;

import ai.lion.jobs.ExitCode;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code lion score} onto a real HDFS (a MiniDFSCluster in this JVM): a run that fails on a bad row,
 * with {@code score.overwrite = true}, leaves the previous output on HDFS as it was and nothing beside it.
 */
@Tag("slow")
class HdfsScoreOutputFaultsTest {

    private static final int NAN_ID = 3;

    @TempDir
    static Path dir;

    private static MiniDFSCluster hdfs;

    @BeforeAll
    static void startHdfsAndTrainACheckpoint() throws IOException {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("hdfs").toString());
        hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        hdfs.waitActive();
        SparkSession spark = PatchRows.localSpark("HdfsScoreOutputFaultsTest");
        try {
            PatchRows.write(spark, PatchRows.good(1, 40), dir.resolve("data/train"));
            PatchRows.write(spark, PatchRows.good(2, 20), dir.resolve("data/validation"));
            PatchRows.write(spark, PatchRows.good(3, 10), dir.resolve("good"));
            PatchRows.write(spark, PatchRows.withBadValue(3, 10, NAN_ID, Float.NaN), dir.resolve("nan-row"));
        } finally {
            spark.stop();
        }
        JobRun trained = PatchRows.train(dir.resolve("data"), dir.resolve("run"), 1);
        assertEquals(ExitCode.OK, trained.exit(), trained.err());
    }

    @AfterAll
    static void stopHdfs() {
        if (hdfs != null) {
            hdfs.shutdown();
        }
    }

    private static JobRun score(String input, String output, String... extra) {
        List<String> args = new ArrayList<>(List.of("score",
                "--set", "checkpoint.path=" + dir.resolve("run").toUri(),
                "--set", "score.input=" + dir.resolve(input).toUri(), "--set", "score.output=" + output,
                "--set", "spark.master=local[2]", "--set", "spark.conf.\"spark.ui.enabled\"=false"));
        args.addAll(List.of(extra));
        return JobRun.of(args);
    }

    /** The entries of an HDFS directory with their sizes and modification times: what must not change. */
    private static List<String> listing(String directory) throws IOException {
        FileSystem fs = hdfs.getFileSystem();
        return Arrays.stream(fs.listStatus(new org.apache.hadoop.fs.Path(directory)))
                .map(FileStatus::getPath).map(path -> {
                    try {
                        FileStatus status = fs.getFileStatus(path);
                        return path.getName() + ":" + status.getLen() + ":" + status.getModificationTime();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }).sorted().toList();
    }

    @Test
    void aFailingOverwriteOnHdfsKeepsThePreviousOutput() throws IOException {
        String parent = hdfs.getURI() + "/lion/scores";
        String output = parent + "/test";
        JobRun first = score("good", output);
        assertEquals(ExitCode.OK, first.exit(), first.err());
        List<String> before = listing(output);
        assertTrue(before.stream().anyMatch(entry -> entry.startsWith("part-")), before.toString());

        JobRun failed = score("nan-row", output, "--set", "score.overwrite=true");

        assertEquals(ExitCode.JOB_FAILED, failed.exit());
        assertEquals(1, failed.err().lines().count(), failed.err());
        assertTrue(failed.err().startsWith("lion score failed: bad row in file:"), failed.err());
        assertTrue(failed.err().contains("nan-row/part-"), failed.err());
        assertTrue(failed.err().contains("id " + NAN_ID + ", column 'patches'"), failed.err());
        assertEquals(before, listing(output), "the previous output is untouched");
        assertEquals(List.of("test"), listing(parent).stream().map(entry -> entry.split(":")[0]).toList(),
                "no staging or replaced directory beside it");

        JobRun replaced = score("good", output, "--set", "score.overwrite=true");
        assertEquals(ExitCode.OK, replaced.exit(), replaced.err());
        assertNotEquals(before, listing(output), "a good run does replace it");
    }
}
