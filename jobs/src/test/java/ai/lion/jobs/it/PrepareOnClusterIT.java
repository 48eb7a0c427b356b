package ai.lion.jobs.it;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shaded jar through spark-submit's code path ({@code java ... SparkSubmit}) on a
 * {@code local-cluster[2,1,1024]} master — two executor JVMs — preparing ListOps into HDFS
 * (a MiniDFSCluster in this JVM). The row counts are read back from the Parquet footers, without Spark.
 */
@Tag("slow")
class PrepareOnClusterIT {

    private static final int TRAIN = 300;
    private static final int VALIDATION = 40;
    private static final int TEST = 60;

    @TempDir
    static java.nio.file.Path hdfsBase;

    private static MiniDFSCluster hdfs;

    @BeforeAll
    static void startHdfs() throws IOException {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, hdfsBase.toString());
        hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        hdfs.waitActive();
    }

    @AfterAll
    static void stopHdfs() {
        if (hdfs != null) {
            hdfs.shutdown();
        }
    }

    @Test
    void listOpsIsWrittenToHdfsByTwoExecutors() throws Exception {
        String output = hdfs.getURI() + "/lion/listops";
        List<String> command = new ArrayList<>(Build.sparkSubmit("1g"));
        command.addAll(List.of(
                "--master", "local-cluster[2,1,1024]",
                "--conf", "spark.executor.memory=512m",
                "--properties-file", Build.projectRoot().resolve("conf/spark-defaults.conf").toString(),
                "--class", System.getProperty("lion.jobs.main"),
                Build.jobsJar().toString(),
                "prepare",
                "--config", Build.projectRoot().resolve("conf/listops-lion-s.conf").toString(),
                "--set", "data.path=" + output,
                "--set", "prepare.partitions=2",
                "--set", "prepare.params.trainSize=" + TRAIN,
                "--set", "prepare.params.validationSize=" + VALIDATION,
                "--set", "prepare.params.testSize=" + TEST,
                "--set", "prepare.params.minLength=16",
                "--set", "prepare.params.maxLength=64",
                "--set", "prepare.params.maxDepth=3"));
        ChildProcess run = ChildProcess.run(command, Map.of("SPARK_LOCAL_IP", "127.0.0.1"),
                Build.logDirectory().resolve("prepare-listops-local-cluster.log"), 10);
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("master local-cluster[2,1,1024]"), run.output());

        FileSystem fs = hdfs.getFileSystem();
        assertEquals(TRAIN, rows(fs, new Path(output, "train")));
        assertEquals(VALIDATION, rows(fs, new Path(output, "validation")));
        assertEquals(TEST, rows(fs, new Path(output, "test")));
        assertEquals(List.of("id", "tokens", "label"), columns(fs, new Path(output, "train")));
    }

    /** The rows of every Parquet file in {@code split}, summed from the file footers. */
    private static long rows(FileSystem fs, Path split) throws IOException {
        long rows = 0;
        List<FileStatus> files = parquetFiles(fs, split);
        assertTrue(files.size() >= 2, "expected one file per partition in " + split + ", got " + files);
        for (FileStatus file : files) {
            try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromStatus(file, fs.getConf()))) {
                rows += reader.getRecordCount();
            }
        }
        return rows;
    }

    private static List<String> columns(FileSystem fs, Path split) throws IOException {
        FileStatus first = parquetFiles(fs, split).get(0);
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromStatus(first, fs.getConf()))) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            return schema.getFields().stream().map(field -> field.getName()).toList();
        }
    }

    private static List<FileStatus> parquetFiles(FileSystem fs, Path split) throws IOException {
        assertTrue(fs.exists(new Path(split, "_SUCCESS")), split + " has no _SUCCESS marker");
        List<FileStatus> files = new ArrayList<>();
        for (FileStatus status : fs.listStatus(split)) {
            if (status.getPath().getName().endsWith(".parquet")) {
                files.add(status);
            }
        }
        return files;
    }
}
