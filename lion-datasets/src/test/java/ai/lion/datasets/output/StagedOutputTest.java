package ai.lion.datasets.output;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link StagedOutput} on the local file system and on a real HDFS (MiniDFSCluster), whose rename moves a
 * directory into an existing one instead of replacing it: the target is always the old output or the
 * complete new one, and no staging or replaced directory is left behind.
 */
class StagedOutputTest {

    @TempDir
    static java.nio.file.Path dir;

    private static MiniDFSCluster hdfs;
    private static final AtomicInteger OUTPUTS = new AtomicInteger();

    @BeforeAll
    static void startHdfs() throws IOException {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("hdfs").toString());
        hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        hdfs.waitActive();
    }

    @AfterAll
    static void stopHdfs() {
        if (hdfs != null) {
            hdfs.shutdown();
        }
    }

    /** A fresh target path {@code <root>/outputs-<n>/scores} on the named file system. */
    private static String newTarget(String fileSystem) {
        String parent = "outputs-" + OUTPUTS.incrementAndGet();
        return fileSystem.equals("hdfs") ? hdfs.getURI() + "/" + parent + "/scores"
                : dir.resolve("local").resolve(parent).resolve("scores").toUri().toString();
    }

    private static Configuration conf() {
        return new Configuration(hdfs.getConfiguration(0));
    }

    private static FileSystem fs(String target) throws IOException {
        return new Path(target).getFileSystem(conf());
    }

    /** Writes one small file {@code <directory>/part} holding {@code content}; returns the file. */
    private static Path writePart(Path directory, String content) throws IOException {
        Path part = new Path(directory, "part");
        try (OutputStream out = directory.getFileSystem(conf()).create(part, false)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
        return part;
    }

    private static String readPart(String target) throws IOException {
        try (var in = fs(target).open(new Path(target, "part"))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The names in the target's parent directory. */
    private static List<String> siblings(String target) throws IOException {
        FileStatus[] statuses = fs(target).listStatus(new Path(target).getParent());
        return Arrays.stream(statuses).map(s -> s.getPath().getName()).sorted().toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "hdfs"})
    void aCompletedWriteIsMovedIntoPlace(String fileSystem) throws IOException {
        String target = newTarget(fileSystem);
        StagedOutput output = StagedOutput.begin(target, false, conf());
        Path part = output.write(staging -> writePart(staging, "new"));

        assertEquals(new Path(output.staging(), "part"), part, "the body's result is returned");
        assertEquals(fs(target).makeQualified(new Path(target)), output.target());
        assertEquals("new", readPart(target));
        assertEquals(List.of("scores"), siblings(target));
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "hdfs"})
    void aFailedWriteLeavesNoOutputAndNoStagingDirectory(String fileSystem) throws IOException {
        String target = newTarget(fileSystem);
        fs(target).mkdirs(new Path(target).getParent());
        StagedOutput output = StagedOutput.begin(target, false, conf());

        IOException failure = assertThrows(IOException.class, () -> output.write(staging -> {
            writePart(staging, "half");
            throw new IOException("row 7 is bad");
        }));

        assertEquals("row 7 is bad", failure.getMessage());
        assertEquals(List.of(), siblings(target));
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "hdfs"})
    void anExistingOutputIsRefusedWithoutOverwrite(String fileSystem) throws IOException {
        String target = newTarget(fileSystem);
        StagedOutput.begin(target, false, conf()).write(staging -> writePart(staging, "old"));

        OutputExistsException refused = assertThrows(OutputExistsException.class,
                () -> StagedOutput.begin(target, false, conf()));

        assertEquals(fs(target).makeQualified(new Path(target)).toString(), refused.path());
        assertEquals("output " + refused.path() + " already exists", refused.getMessage());
        assertEquals("old", readPart(target));
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "hdfs"})
    void overwriteKeepsTheOldOutputUntilTheNewOneIsComplete(String fileSystem) throws IOException {
        String target = newTarget(fileSystem);
        StagedOutput.begin(target, false, conf()).write(staging -> writePart(staging, "old"));

        assertThrows(IllegalStateException.class, () -> StagedOutput.begin(target, true, conf()).write(staging -> {
            writePart(staging, "half");
            assertEquals("old", readPart(target), "the old output is untouched while the new one is written");
            throw new IllegalStateException("task failed");
        }));
        assertEquals("old", readPart(target));
        assertEquals(List.of("scores"), siblings(target));

        StagedOutput.begin(target, true, conf()).write(staging -> writePart(staging, "new"));
        assertEquals("new", readPart(target));
        assertEquals(List.of("scores"), siblings(target), "no staging or replaced directory is left");
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "hdfs"})
    void anOutputThatAppearsDuringTheWriteIsNotReplacedWithoutOverwrite(String fileSystem) throws IOException {
        String target = newTarget(fileSystem);
        StagedOutput output = StagedOutput.begin(target, false, conf());

        assertThrows(OutputExistsException.class, () -> output.write(staging -> {
            writePart(staging, "mine");
            fs(target).mkdirs(new Path(target));
            return writePart(new Path(target), "theirs");
        }));

        assertEquals("theirs", readPart(target));
        assertEquals(List.of("scores"), siblings(target));
        assertFalse(fs(target).exists(output.staging()));
    }
}
