package ai.lion.jobs.faults;

import ai.lion.jobs.ExitCode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code lion prepare} with {@code prepare.overwrite = true} that fails while writing the new dataset (its
 * Parquet writer cannot load the configured codec): the previous dataset stays as it was, with nothing
 * beside it.
 */
@Tag("slow")
class PrepareOverwriteFaultsTest {

    @TempDir
    static Path dir;

    private static JobRun prepare(Path data, String... extra) {
        List<String> args = new ArrayList<>(List.of("prepare", "--set", "prepare.dataset=listops",
                "--set", "data.path=" + data.toUri(), "--set", "prepare.partitions=2",
                "--set", "prepare.params.trainSize=64", "--set", "prepare.params.validationSize=16",
                "--set", "prepare.params.testSize=16", "--set", "prepare.params.minLength=8",
                "--set", "prepare.params.maxLength=24", "--set", "prepare.params.maxDepth=2",
                "--set", "spark.master=local[2]", "--set", "spark.conf.\"spark.ui.enabled\"=false"));
        args.addAll(List.of(extra));
        return JobRun.of(args);
    }

    /** Every file under {@code root} with its size, relative to it. */
    private static List<String> files(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(p -> root.relativize(p) + ":" + p.toFile().length())
                    .sorted().toList();
        }
    }

    @Test
    void aFailingOverwriteKeepsThePreviousDataset() throws IOException {
        Path data = dir.resolve("datasets/listops");
        JobRun first = prepare(data);
        assertEquals(ExitCode.OK, first.exit(), first.err());
        List<String> before = files(data);
        String metadata = Files.readString(data.resolve("dataset.json"));
        assertTrue(before.stream().anyMatch(file -> file.startsWith("train/part-")), before.toString());

        JobRun failed = prepare(data, "--set", "prepare.overwrite=true", "--set", "prepare.seed=7",
                "--set", "spark.conf.\"spark.sql.parquet.compression.codec\"=lzo");

        assertEquals(ExitCode.JOB_FAILED, failed.exit(), failed.err());
        assertEquals(1, failed.err().lines().count(), failed.err());
        assertTrue(failed.err().startsWith("lion prepare failed: "), failed.err());
        assertEquals(before, files(data), "the previous dataset is untouched");
        assertEquals(metadata, Files.readString(data.resolve("dataset.json")));
        try (Stream<Path> beside = Files.list(data.getParent())) {
            assertEquals(List.of("listops"), beside.map(p -> p.getFileName().toString()).toList(),
                    "no staging directory left");
        }
    }
}
