package ai.lion.jobs.faults;

import ai.lion.jobs.ExitCode;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code lion score} faults against one tiny trained checkpoint: the output is committed only when the job
 * succeeds, an existing output is never lost, and every failure is one line naming the path, row, column
 * or key.
 */
@Tag("slow")
class ScoreOutputFaultsTest {

    private static final int PATCH_DIM = 16;
    private static final int PATCHES = 4;
    private static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.LongType)
            .add("patches", DataTypes.createArrayType(DataTypes.FloatType))
            .add("label", DataTypes.IntegerType);

    @TempDir
    static Path dir;

    @BeforeAll
    static void trainACheckpoint() {
        SparkSession spark = SparkSession.builder().master("local[2]").appName("ScoreOutputFaultsTest")
                .config("spark.ui.enabled", "false").getOrCreate();
        try {
            write(spark, rows(40, Float.NaN, -1), "data/train");
            write(spark, rows(20, Float.NaN, -1), "data/validation");
            write(spark, rows(10, Float.NaN, -1), "good");
            write(spark, rows(10, Float.NaN, 3), "nan-row");
            write(spark, rows(4, Float.POSITIVE_INFINITY, 2), "inf-row");
            write(spark, List.of(RowFactory.create(0L, List.of(), 0)), "empty-sequence");
            write(spark, List.of(RowFactory.create(0L, null, 0)), "null-sequence");
            List<Float> withNull = new ArrayList<>(java.util.Collections.nCopies(PATCH_DIM, 0.5f));
            withNull.set(1, null);
            write(spark, List.of(RowFactory.create(0L, withNull, 0)), "null-element");
            List<Float> tooLong = new ArrayList<>(java.util.Collections.nCopies((PATCHES + 1) * PATCH_DIM, 0.5f));
            write(spark, List.of(RowFactory.create(0L, tooLong, 0)), "too-long");
            spark.createDataFrame(rows(4, Float.NaN, -1), SCHEMA).drop("id").write()
                    .parquet(dir.resolve("no-id").toString());
            spark.createDataFrame(rows(4, Float.NaN, -1), SCHEMA)
                    .withColumn("patches", org.apache.spark.sql.functions.col("patches").cast("array<double>"))
                    .write().parquet(dir.resolve("double-patches").toString());
        } finally {
            spark.stop();
        }
        JobRun train = lion("train");
        assertEquals(ExitCode.OK, train.exit(), train.err());
    }

    /** {@code count} rows of Gaussian patches; row {@code badRow} (if in range) gets {@code bad} as its 6th value. */
    private static List<Row> rows(int count, float bad, int badRow) {
        Random random = new Random(count);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<Float> patches = new ArrayList<>();
            for (int v = 0; v < PATCHES * PATCH_DIM; v++) {
                patches.add(i == badRow && v == 5 ? bad : (float) random.nextGaussian());
            }
            rows.add(RowFactory.create((long) i, patches, i % 2));
        }
        return rows;
    }

    private static void write(SparkSession spark, List<Row> rows, String name) {
        spark.createDataFrame(rows, SCHEMA).coalesce(1).write().parquet(dir.resolve(name).toString());
    }

    private static JobRun lion(String command, String... extra) {
        List<String> args = new ArrayList<>(List.of(command,
                "--set", "data.path=" + dir.resolve("data").toUri(),
                "--set", "checkpoint.path=" + dir.resolve("run").toUri(),
                "--set", "model.variant=lit", "--set", "model.width=8", "--set", "model.depth=1",
                "--set", "model.heads=1", "--set", "model.num-classes=2",
                "--set", "model.input.kind=patches", "--set", "model.input.image-size=8",
                "--set", "model.input.patch-size=4",
                "--set", "train.epochs=1", "--set", "train.batch-size-per-worker=10",
                "--set", "train.warmup-epochs=0", "--set", "train.lr-schedule=constant",
                "--set", "spark.master=local[2]", "--set", "spark.conf.\"spark.ui.enabled\"=false"));
        args.addAll(List.of(extra));
        return JobRun.of(args);
    }

    private static JobRun score(String input, Path output, String... extra) {
        List<String> args = new ArrayList<>(List.of("--set", "score.input=" + dir.resolve(input).toUri(),
                "--set", "score.output=" + output.toUri()));
        args.addAll(List.of(extra));
        return lion("score", args.toArray(String[]::new));
    }

    /** The names in {@code parent}, hidden ones included. */
    private static List<String> names(Path parent) throws IOException {
        try (Stream<Path> files = Files.list(parent)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** The Parquet part files of an output, with their sizes: what must not change. */
    private static List<String> parts(Path output) throws IOException {
        try (Stream<Path> files = Files.list(output)) {
            return files.filter(p -> p.getFileName().toString().startsWith("part-"))
                    .map(p -> p.getFileName() + ":" + p.toFile().length()).sorted().toList();
        }
    }


    @Test
    void aFailingScoreLeavesNoOutputAndTheRerunWithGoodInputWorks() throws IOException {
        Path output = dir.resolve("fresh/scores");
        JobRun failed = score("nan-row", output);
        assertEquals(ExitCode.JOB_FAILED, failed.exit());
        failed.assertOneLine("lion score failed: bad row in file:", "nan-row/part-", "id 3,", "column 'patches'",
                "NaN at position 5", "set data.bad-rows = skip");
        assertEquals(List.of(), names(output.getParent()), "no output and no staging directory");

        JobRun rerun = score("good", output);
        assertEquals(ExitCode.OK, rerun.exit(), rerun.err());
        assertTrue(rerun.out().startsWith("Scored 10 of 10 rows"), rerun.out());
        assertEquals(List.of("scores"), names(output.getParent()));
    }

    @Test
    void anExistingOutputIsRefusedByPathAndKeyAndKept() throws IOException {
        Path output = dir.resolve("kept/scores");
        assertEquals(ExitCode.OK, score("good", output).exit());
        List<String> before = parts(output);

        JobRun refused = score("good", output);
        assertEquals(ExitCode.JOB_FAILED, refused.exit());
        refused.assertOneLine("lion score failed: output file:" + output + " already exists",
                "already exists; set score.overwrite = true");
        assertFalse(refused.err().contains("mode"), refused.err());
        assertEquals(before, parts(output));
    }

    @Test
    void aFailingOverwriteKeepsThePreviousOutput() throws IOException {
        Path output = dir.resolve("overwritten/scores");
        assertEquals(ExitCode.OK, score("good", output).exit());
        List<String> before = parts(output);

        JobRun failed = score("nan-row", output, "--set", "score.overwrite=true");
        assertEquals(ExitCode.JOB_FAILED, failed.exit());
        failed.assertOneLine("column 'patches'");
        assertEquals(before, parts(output), "the previous output is untouched");
        assertEquals(List.of("scores"), names(output.getParent()));

        JobRun replaced = score("good", output, "--set", "score.overwrite=true",
                "--set", "score.include-embedding=true");
        assertEquals(ExitCode.OK, replaced.exit(), replaced.err());
        assertFalse(before.equals(parts(output)), "the new output (with embeddings) replaced the old one");
        assertEquals(List.of("scores"), names(output.getParent()));
    }

    @Test
    void aMissingInputIsNamedByItsPath() {
        JobRun run = score("no-such-input", dir.resolve("missing/scores"));
        assertEquals(ExitCode.JOB_FAILED, run.exit());
        run.assertOneLine("Parquet input file:", "no-such-input does not exist");
    }

    @Test
    void anEmptyInputDirectoryIsNamedByItsPath() throws IOException {
        Files.createDirectories(dir.resolve("empty-input"));
        JobRun run = score("empty-input", dir.resolve("empty/scores"));
        assertEquals(ExitCode.JOB_FAILED, run.exit());
        run.assertOneLine("Parquet input file:", "empty-input holds no data files (an empty directory)");
        assertFalse(run.err().contains("UNABLE_TO_INFER_SCHEMA"), run.err());
    }

    @Test
    void verbosePrintsTheStackTraceAfterTheLine() {
        JobRun run = score("no-such-input", dir.resolve("verbose/scores"), "--verbose");
        assertEquals(ExitCode.JOB_FAILED, run.exit());
        assertTrue(run.err().lines().findFirst().orElseThrow().startsWith("lion score failed: Parquet input"), run.err());
        assertTrue(run.err().contains("\tat ai.lion.spark.data.ParquetSource"), run.err());
    }

    @Test
    void skippedBadRowsAreCountedAndTheRestScored() {
        JobRun run = score("nan-row", dir.resolve("skip/scores"), "--set", "data.bad-rows=skip");
        assertEquals(ExitCode.OK, run.exit(), run.err());
        assertTrue(run.out().startsWith("Scored 9 of 10 rows"), run.out());
        assertTrue(run.out().contains("Skipped rows by problem: {NON_FINITE_VALUE=1}"), run.out());
    }

    @Test
    void csvInsteadOfParquetNamesTheFile() throws IOException {
        Files.createDirectories(dir.resolve("csv-input"));
        Files.writeString(dir.resolve("csv-input/part-0.csv"), "id,patches,label\n1,\"0.5,0.5\",0\n");
        JobRun run = score("csv-input", dir.resolve("csv/scores"));
        assertEquals(ExitCode.JOB_FAILED, run.exit());
        run.assertOneLine("csv-input/part-0.csv", "is not a Parquet file");
        assertFalse(Files.exists(dir.resolve("csv/scores")));
    }

    @Test
    void aWrongColumnTypeNamesTheColumnAndBothTypes() {
        JobRun run = score("double-patches", dir.resolve("double/scores"));
        assertEquals(ExitCode.JOB_FAILED, run.exit());
        run.assertOneLine("column 'patches' has type array<double> but array<float> is expected");
    }

    @Test
    void aMissingIdColumnIsNamed() {
        JobRun run = score("no-id", dir.resolve("no-id-scores/scores"));
        assertEquals(ExitCode.JOB_FAILED, run.exit());
        run.assertOneLine("column 'id' is missing");
    }

    @Test
    void aMisspelledKeyIsAConfigurationErrorWithTheKeyNamed() {
        JobRun run = score("good", dir.resolve("typo/scores"), "--set", "score.overwite=true");
        assertEquals(ExitCode.USAGE, run.exit());
        assertTrue(run.err().contains("score.overwite = true: unknown key; did you mean score.overwrite?"), run.err());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "inf-row|id 2, column 'patches': patch value is NaN or infinite (Infinity at position 5",
            "empty-sequence|id 0, column 'patches': sequence is empty",
            "null-sequence|id 0, column 'patches': sequence is null",
            "null-element|id 0, column 'patches': sequence contains a null element (null at position 1)",
            "too-long|id 0, column 'patches': sequence is longer than the maximum length"})
    void aBadRowIsNamedByFileRowColumnAndProblem(String input, String expected) throws IOException {
        Path output = dir.resolve("bad-" + input + "/scores");
        JobRun run = score(input, output);
        assertEquals(ExitCode.JOB_FAILED, run.exit());
        run.assertOneLine("bad row in file:", input + "/part-", expected, "set data.bad-rows = skip");
        assertEquals(List.of(), names(output.getParent()));
    }

    @Test
    void anOverLongSequenceIsCutWithTruncate() {
        JobRun run = score("too-long", dir.resolve("truncated/scores"), "--set", "data.truncate=true");
        assertEquals(ExitCode.OK, run.exit(), run.err());
        assertTrue(run.out().startsWith("Scored 1 of 1 rows"), run.out());
    }
}
