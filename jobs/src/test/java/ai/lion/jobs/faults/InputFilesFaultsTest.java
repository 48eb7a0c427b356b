package ai.lion.jobs.faults;

import ai.lion.jobs.ExitCode;
import org.apache.commons.io.FileUtils;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Damaged or incomplete input files: a truncated Parquet file as training and as scoring input, a dataset
 * directory without its train or validation split. Each fails the job with one line naming the path, and
 * writes nothing.
 */
@Tag("slow")
class InputFilesFaultsTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void writeDataAndTrainACheckpoint() {
        SparkSession spark = PatchRows.localSpark("InputFilesFaultsTest");
        try {
            PatchRows.write(spark, PatchRows.good(1, 40), dir.resolve("data/train"));
            PatchRows.write(spark, PatchRows.good(2, 20), dir.resolve("data/validation"));
        } finally {
            spark.stop();
        }
        JobRun trained = train(dir.resolve("data"), dir.resolve("run"));
        assertEquals(ExitCode.OK, trained.exit(), trained.err());
    }

    private static JobRun train(Path data, Path run) {
        return PatchRows.train(data, run, 1);
    }

    /** A copy of the dataset with the one Parquet file of {@code split} cut to half its length; returns that file. */
    private static Path copyWithTruncatedSplit(String name, String split) throws IOException {
        Path copy = dir.resolve(name);
        FileUtils.copyDirectory(dir.resolve("data").toFile(), copy.toFile());
        Path part;
        try (Stream<Path> files = Files.list(copy.resolve(split))) {
            part = files.filter(p -> p.getFileName().toString().startsWith("part-")).findFirst().orElseThrow();
        }
        try (RandomAccessFile file = new RandomAccessFile(part.toFile(), "rw")) {
            file.setLength(file.length() / 2);
        }
        Files.deleteIfExists(part.resolveSibling("." + part.getFileName() + ".crc"));
        return part;
    }

    @Test
    void aTruncatedParquetFileAsTrainingInputIsNamed() throws IOException {
        Path part = copyWithTruncatedSplit("truncated-train", "train");
        Path run = dir.resolve("truncated-train-run");

        JobRun failed = train(dir.resolve("truncated-train"), run);

        assertEquals(ExitCode.JOB_FAILED, failed.exit(), failed.err());
        failed.assertOneLine("lion train failed: ", part.toString(), "is not a Parquet file");
        assertFalse(Files.exists(run.resolve("ckpt-000001")), "no checkpoint");
    }

    @Test
    void aTruncatedParquetFileAsScoringInputIsNamedAndNothingIsWritten() throws IOException {
        Path part = copyWithTruncatedSplit("truncated-score", "validation");
        Path output = dir.resolve("truncated-scores/scores");

        JobRun failed = JobRun.of(List.of("score", "--set", "checkpoint.path=" + dir.resolve("run").toUri(),
                "--set", "score.input=" + part.getParent().toUri(), "--set", "score.output=" + output.toUri(),
                "--set", "spark.master=local[2]", "--set", "spark.conf.\"spark.ui.enabled\"=false"));

        assertEquals(ExitCode.JOB_FAILED, failed.exit(), failed.err());
        failed.assertOneLine("lion score failed: ", part.toString(), "is not a Parquet file");
        assertFalse(Files.exists(output.getParent()), "no output and no staging directory");
    }

    @ParameterizedTest
    @ValueSource(strings = {"train", "validation"})
    void aDatasetWithoutOneOfItsSplitsIsNamedByThePath(String split) throws IOException {
        Path data = dir.resolve("without-" + split);
        FileUtils.copyDirectory(dir.resolve("data").toFile(), data.toFile());
        FileUtils.deleteDirectory(data.resolve(split).toFile());
        Path run = dir.resolve("without-" + split + "-run");

        JobRun failed = train(data, run);

        assertEquals(ExitCode.JOB_FAILED, failed.exit(), failed.err());
        failed.assertOneLine("lion train failed: Parquet input file:" + data.resolve(split), "does not exist");
        assertFalse(Files.exists(run.resolve("ckpt-000001")), "no checkpoint");
    }
}
