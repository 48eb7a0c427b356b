package ai.lion.spark.score;

import ai.lion.core.models.LionModel;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lion.spark.checkpoint.Checkpoint;
import ai.lion.spark.checkpoint.CheckpointStore;
import ai.lion.spark.checkpoint.TrainingCursor;
import ai.lion.spark.testing.MiniHdfs;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Models on a real HDFS (MiniDFSCluster): zips and checkpoints resolve and load; a changed file is refused. */
class StoredModelHdfsTest {

    @TempDir
    static Path hdfsDir;
    private static MiniHdfs hdfs;
    private static LionModel graph;

    @BeforeAll
    static void startHdfs() throws IOException {
        hdfs = MiniHdfs.start(hdfsDir);
        graph = TinyClassifiers.tokens(20, 3, 5);
    }

    @AfterAll
    static void stopHdfs() {
        hdfs.close();
    }

    private static String writeZip(String path) throws IOException {
        try (OutputStream out = hdfs.fileSystem().create(new org.apache.hadoop.fs.Path(path))) {
            graph.write(out, false);
        }
        return hdfs.url(path);
    }

    private static void assertSameOutputs(ScoringModel loaded) {
        INDArray input = TinyClassifiers.tokenInput(3, 1, 4, 1, 5);
        float[] actual = loaded.withGraph(g -> g.outputSingle(false, input).toFloatVector());
        assertArrayEquals(TinyClassifiers.probabilities(graph, input), actual, 0f);
    }

    @Test
    void aModelZipOnHdfsResolvesAndLoads() throws IOException {
        String url = writeZip("/models/a.zip");

        StoredModel model = StoredModel.resolve(url, hdfs.configuration());

        assertEquals(url, model.describe());
        assertEquals(graph.config(), model.config());
        assertSameOutputs(model.load());
    }

    @Test
    void aCheckpointStoreOnHdfsResolvesToItsNewestCheckpoint() throws IOException {
        String root = hdfs.url("/runs/r1");
        CheckpointStore store = CheckpointStore.open(root, hdfs.configuration());
        store.write(Checkpoint.builder(TinyClassifiers.tokens(20, 3, 6), TrainingCursor.START).build());
        String newest = store.write(Checkpoint.builder(graph, new TrainingCursor(1, 0)).build()).location().toString();

        StoredModel model = StoredModel.resolve(root, hdfs.configuration());

        assertEquals("checkpoint " + newest, model.describe());
        assertSameOutputs(model.load());
    }

    @Test
    void aModelFileReplacedAfterResolutionIsNotLoaded() throws IOException {
        String url = writeZip("/models/b.zip");
        StoredModel model = StoredModel.resolve(url, hdfs.configuration());
        FileSystem fs = hdfs.fileSystem();
        fs.setTimes(new org.apache.hadoop.fs.Path("/models/b.zip"), System.currentTimeMillis() + 60_000, -1);

        IOException changed = assertThrows(IOException.class, model::load);
        UncheckedIOException viaCache = assertThrows(UncheckedIOException.class, () -> ModelCache.get(model));

        assertTrue(changed.getMessage().startsWith("model " + url + " was modified after the job was planned"),
                changed.getMessage());
        assertTrue(viaCache.getMessage().startsWith("cannot load model " + url), viaCache.getMessage());
    }
}
