package ai.lion.datasets;

import ai.lion.datasets.output.OutputExistsException;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Inputs read from and outputs written to a real (mini) HDFS cluster. */
@Tag("slow")
class HdfsPrepareTest {

    @TempDir
    static java.nio.file.Path hdfsBase; // java.nio Path: org.apache.hadoop.fs.Path is imported

    private static MiniDFSCluster cluster;
    private static SparkSession spark;
    private static FileSystem hdfs;
    private static String root;

    @BeforeAll
    static void start() throws IOException {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, hdfsBase.toString());
        cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        cluster.waitActive();
        hdfs = cluster.getFileSystem();
        root = hdfs.getUri() + "/datasets";
        spark = LocalSpark.start(HdfsPrepareTest.class);
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
        if (cluster != null) {
            cluster.shutdown();
        }
    }

    @Test
    void writesListOpsToHdfsAtomicallyAndRefusesToOverwriteByDefault() throws IOException {
        PrepareOptions options = PrepareOptions.builder(root + "/listops").partitions(2)
                .param("trainSize", 20).param("validationSize", 5).param("testSize", 5)
                .param("minLength", 3).param("maxLength", 30).build();

        PrepareReport report = DatasetPreparers.named("listops").prepare(spark, options);

        assertTrue(report.outputPath().startsWith("hdfs://"), report.outputPath());
        assertEquals(20, spark.read().parquet(report.split("train").path()).count());
        assertEquals(List.of("dataset.json", "test", "train", "validation"), names(new Path(root + "/listops")));
        assertEquals(List.of("listops"), names(new Path(root)), "no staging directory is left");
        UncheckedIOException exists = assertThrows(UncheckedIOException.class,
                () -> DatasetPreparers.named("listops").prepare(spark, options));
        assertInstanceOf(OutputExistsException.class, exists.getCause());
    }

    @Test
    void readsTheCorpusFromHdfs() throws IOException {
        Path corpus = new Path(root + "/input/corpus.txt");
        try (OutputStream out = hdfs.create(corpus)) {
            out.write("Intro\n\nA first paragraph of plain English prose.\n\nOutro\n\nAnd a second one, also prose."
                    .getBytes(StandardCharsets.UTF_8));
        }

        PrepareReport report = DatasetPreparers.named("mlm-text").prepare(spark,
                PrepareOptions.builder(root + "/mlm").param("input", corpus.toString())
                        .param("validationFraction", 0).param("documentStart", "[A-Z][a-z]+$").build());

        assertEquals(2, report.rows("train"));
        assertEquals(List.of("train"), List.copyOf(report.splits().keySet()));
    }

    private static List<String> names(Path directory) throws IOException {
        return Arrays.stream(hdfs.listStatus(directory)).map(FileStatus::getPath).map(Path::getName).sorted().toList();
    }
}
