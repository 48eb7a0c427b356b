package ai.lion.spark.testing;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * A real HDFS (one NameNode, one DataNode) inside the test JVM. Startup takes about 8 s, so start it
 * once per test class:
 * <pre>{@code
 * @TempDir static java.nio.file.Path hdfsDir;
 * static MiniHdfs hdfs;
 *
 * @BeforeAll static void startHdfs() throws IOException { hdfs = MiniHdfs.start(hdfsDir); }
 * @AfterAll static void stopHdfs() { hdfs.close(); }
 * }</pre>
 */
public final class MiniHdfs implements AutoCloseable {

    /** Client setting: first wait before asking the NameNode again whether a closed file is complete. */
    public static final String CLOSE_POLL_INITIAL_DELAY_MS = "dfs.client.block.write.locateFollowingBlock.initial.delay.ms";
    /** Client setting: how often to ask (the wait doubles each time). */
    public static final String CLOSE_POLL_RETRIES = "dfs.client.block.write.locateFollowingBlock.retries";

    private static final Duration TRUNCATE_TIMEOUT = Duration.ofSeconds(60);

    private final MiniDFSCluster cluster;

    private MiniHdfs(MiniDFSCluster cluster) {
        this.cluster = cluster;
    }

    /** Starts a cluster that keeps its NameNode and DataNode storage under {@code baseDir}. */
    public static MiniHdfs start(java.nio.file.Path baseDir) throws IOException {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, baseDir.toAbsolutePath().toString());
        conf.setInt("dfs.replication", 1);
        // Closing a file waits until the DataNode has reported the last block; the client polls with
        // exponential backoff from 400 ms, which costs ~0.4 s per file on an idle cluster. Poll from
        // 25 ms instead, with more retries so that a loaded machine still gets ~25 s in total.
        conf.setInt(CLOSE_POLL_INITIAL_DELAY_MS, 25);
        conf.setInt(CLOSE_POLL_RETRIES, 10);
        MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        cluster.waitActive();
        return new MiniHdfs(cluster);
    }

    /** The file system URI, {@code hdfs://localhost:<port>}. */
    public URI uri() {
        return cluster.getURI();
    }

    /** The full URL of an absolute path on this cluster, e.g. {@code url("/runs/a")}. */
    public String url(String absolutePath) {
        if (!absolutePath.startsWith("/")) {
            throw new IllegalArgumentException("path must be absolute, got '" + absolutePath + "'");
        }
        return uri() + absolutePath;
    }

    /** A client configuration whose {@code fs.defaultFS} is this cluster. */
    public Configuration configuration() {
        return new Configuration(cluster.getConfiguration(0));
    }

    /** A client of this cluster (closed by {@link #close()}). */
    public DistributedFileSystem fileSystem() throws IOException {
        return cluster.getFileSystem();
    }

    /** Truncates {@code file} to {@code newLength} bytes with HDFS's own truncate, and waits until it is done. */
    public void truncate(Path file, long newLength) throws IOException {
        DistributedFileSystem fs = fileSystem();
        if (fs.truncate(file, newLength)) {
            return;
        }
        long deadline = System.nanoTime() + TRUNCATE_TIMEOUT.toNanos();
        while (!fs.isFileClosed(file)) { // truncating inside a block runs block recovery first
            if (System.nanoTime() > deadline) {
                throw new IOException("truncate of " + file + " not finished after " + TRUNCATE_TIMEOUT);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while truncating " + file);
            }
        }
    }

    /** Shuts the cluster down and deletes its storage. */
    @Override
    public void close() {
        cluster.shutdown(true);
    }
}
