package ai.lion.spark.checkpoint;

import ai.lion.spark.testing.MiniHdfs;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The {@link CheckpointStore} contract on a real HDFS (MiniDFSCluster), truncating with HDFS's own truncate. */
class CheckpointStoreHdfsTest extends CheckpointStoreContract {

    @TempDir
    static java.nio.file.Path hdfsDir;

    private static MiniHdfs hdfs;
    private static final AtomicInteger RUNS = new AtomicInteger();

    @BeforeAll
    static void startHdfs() throws IOException {
        hdfs = MiniHdfs.start(hdfsDir);
    }

    @AfterAll
    static void stopHdfs() {
        if (hdfs != null) {
            hdfs.close();
        }
    }

    @Override
    protected String newRoot() {
        return hdfs.url("/checkpoints/run-" + RUNS.incrementAndGet());
    }

    @Override
    protected Configuration conf() {
        return hdfs.configuration();
    }

    @Override
    protected FileSystem fileSystem() throws IOException {
        return hdfs.fileSystem();
    }

    @Override
    protected void truncate(Path file, long newLength) throws IOException {
        hdfs.truncate(file, newLength);
    }

    @Override
    protected void replaceContent(Path file, byte[] content) throws IOException {
        try (OutputStream out = hdfs.fileSystem().create(file, true)) {
            out.write(content);
        }
    }
}
