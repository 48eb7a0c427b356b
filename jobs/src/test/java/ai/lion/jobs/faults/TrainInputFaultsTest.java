package ai.lion.jobs.faults;

import ai.lion.jobs.ExitCode;
import ai.lion.jobs.LionJobs;
import ai.lion.spark.testing.LogCapture;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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
 * {@code lion train} (and {@code evaluate} and {@code score} with its checkpoints) on input that does not
 * fit: skipped bad rows are counted where the user sees them, a model that does not fit the metadata of
 * a prepared dataset is a configuration error before Spark starts, and out-of-range labels and token ids
 * in data without metadata fail on the row. Prepared datasets are made by {@code lion prepare} itself,
 * Fashion-MNIST from small synthetic idx files.
 */
@Tag("slow")
class TrainInputFaultsTest {

    private static final StructType PATCH_ROWS = new StructType()
            .add("id", DataTypes.LongType)
            .add("patches", DataTypes.createArrayType(DataTypes.FloatType))
            .add("label", DataTypes.IntegerType);
    private static final StructType TOKEN_ROWS = new StructType()
            .add("id", DataTypes.LongType)
            .add("tokens", DataTypes.createArrayType(DataTypes.IntegerType))
            .add("label", DataTypes.IntegerType);
    /** The synthetic Fashion-MNIST images: 28×28 like the real ones, so that 4×4 and 7×7 patches both fit. */
    private static final int SIDE = 28;

    @TempDir
    static Path dir;

    /** What one run printed and returned. */
    private record Run(ExitCode exit, String out, String err) {
    }

    @BeforeAll
    static void writeDataAndTrainAPatchSize4Checkpoint() throws IOException {
        SparkSession spark = SparkSession.builder().master("local[2]").appName("TrainInputFaultsTest")
                .config("spark.ui.enabled", "false").getOrCreate();
        try {
            // 8×8 images in 4×4 patches: train row id 3 has a NaN, id 7 the label 5 of 2 classes; validation id 2 a NaN
            write(spark, patchRows(40, 3, 7), PATCH_ROWS, "skip/train");
            write(spark, patchRows(20, 2, -1), PATCH_ROWS, "skip/validation");
            write(spark, patchRows(20, -1, 7), PATCH_ROWS, "bad-label/train");
            write(spark, patchRows(10, -1, -1), PATCH_ROWS, "bad-label/validation");
            write(spark, tokenRows(20, 4), TOKEN_ROWS, "bad-token/train");
            write(spark, tokenRows(10, -1), TOKEN_ROWS, "bad-token/validation");
        } finally {
            spark.stop();
        }
        writeIdx(dir.resolve("idx"), "train", 40);
        writeIdx(dir.resolve("idx"), "t10k", 10);
        for (int patchSize : new int[]{4, 7}) {
            Run prepared = lion("prepare", "--set", "data.path=" + dir.resolve("p" + patchSize).toUri(),
                    "--set", "prepare.dataset=fashion-mnist", "--set", "prepare.params.input=" + dir.resolve("idx").toUri(),
                    "--set", "prepare.params.patchSize=" + patchSize, "--set", "prepare.params.validationSize=10");
            assertEquals(ExitCode.OK, prepared.exit(), prepared.err());
        }
        Run prepared = lion("prepare", "--set", "data.path=" + dir.resolve("listops").toUri(),
                "--set", "prepare.dataset=listops", "--set", "prepare.params.trainSize=20",
                "--set", "prepare.params.validationSize=10", "--set", "prepare.params.testSize=10",
                "--set", "prepare.params.minLength=5", "--set", "prepare.params.maxLength=30",
                "--set", "prepare.params.maxDepth=3", "--set", "prepare.params.maxArgs=4");
        assertEquals(ExitCode.OK, prepared.exit(), prepared.err());
        Run trained = train("p4", "run-p4", model(SIDE));
        assertEquals(ExitCode.OK, trained.exit(), "a model that fits its prepared data trains: " + trained.err());
    }

    /** The jobs stop their sessions; the thread's session references must not outlive this class. */
    @AfterAll
    static void forgetSessions() {
        SparkSession.clearActiveSession();
        SparkSession.clearDefaultSession();
    }

    /** {@code count} rows of 4 patches of 16 values; row {@code nanRow} gets a NaN, row {@code badLabelRow} label 5. */
    private static List<Row> patchRows(int count, int nanRow, int badLabelRow) {
        Random random = new Random(count);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<Float> patches = new ArrayList<>();
            for (int v = 0; v < 64; v++) {
                patches.add(i == nanRow && v == 5 ? Float.NaN : (float) random.nextGaussian());
            }
            rows.add(RowFactory.create((long) i, patches, i == badLabelRow ? 5 : i % 2));
        }
        return rows;
    }

    /** {@code count} rows of 6 token ids in [1, 16); row {@code badRow} has id 99 at position 2. */
    private static List<Row> tokenRows(int count, int badRow) {
        Random random = new Random(count);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<Integer> tokens = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                tokens.add(i == badRow && t == 2 ? 99 : 1 + random.nextInt(15));
            }
            rows.add(RowFactory.create((long) i, tokens, i % 2));
        }
        return rows;
    }

    private static void write(SparkSession spark, List<Row> rows, StructType schema, String name) {
        spark.createDataFrame(rows, schema).coalesce(1).write().parquet(dir.resolve(name).toString());
    }

    /** Fashion-MNIST's idx pair {@code <prefix>-images-idx3-ubyte} / {@code -labels-idx1-ubyte}, random pixels. */
    private static void writeIdx(Path directory, String prefix, int images) throws IOException {
        Files.createDirectories(directory);
        Random random = new Random(images);
        byte[] pixels = new byte[images * SIDE * SIDE];
        random.nextBytes(pixels);
        byte[] labels = new byte[images];
        for (int i = 0; i < images; i++) {
            labels[i] = (byte) (i % 10);
        }
        Files.write(directory.resolve(prefix + "-images-idx3-ubyte"), idx(pixels, images, SIDE, SIDE));
        Files.write(directory.resolve(prefix + "-labels-idx1-ubyte"), idx(labels, images));
    }

    /** An unsigned-byte idx file: zero, zero, type 0x08, the rank, the big-endian dimensions, the data. */
    private static byte[] idx(byte[] data, int... dimensions) {
        ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * dimensions.length + data.length);
        buffer.put((byte) 0).put((byte) 0).put((byte) 0x08).put((byte) dimensions.length);
        for (int size : dimensions) {
            buffer.putInt(size);
        }
        return buffer.put(data).array();
    }

    private static Run lion(String command, String... settings) {
        List<String> args = new ArrayList<>(List.of(command,
                "--set", "spark.master=local[2]", "--set", "spark.conf.\"spark.ui.enabled\"=false"));
        args.addAll(List.of(settings));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ExitCode exit = LionJobs.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * A tiny classifier of images of {@code imageSize} in 4×4 patches, with the 10 classes of Fashion-MNIST
     * for its image size, else 2; {@code extra} settings come last.
     */
    private static String[] model(int imageSize, String... extra) {
        List<String> settings = new ArrayList<>(List.of(
                "--set", "model.variant=lit", "--set", "model.width=8", "--set", "model.depth=1",
                "--set", "model.heads=1", "--set", "model.num-classes=" + (imageSize == SIDE ? 10 : 2),
                "--set", "model.input.kind=patches", "--set", "model.input.image-size=" + imageSize,
                "--set", "model.input.patch-size=4",
                "--set", "train.batch-size-per-worker=10", "--set", "train.epochs=1",
                "--set", "train.warmup-epochs=0", "--set", "train.lr-schedule=constant"));
        settings.addAll(List.of(extra));
        return settings.toArray(String[]::new);
    }

    private static Run train(String data, String run, String... settings) {
        List<String> args = new ArrayList<>(List.of("--set", "data.path=" + dir.resolve(data).toUri(),
                "--set", "checkpoint.path=" + dir.resolve(run).toUri()));
        args.addAll(List.of(settings));
        return lion("train", args.toArray(String[]::new));
    }

    /** A tiny token classifier over {@code vocabSize} ids and sequences of at most {@code maxLength}. */
    private static String[] tokenModel(int vocabSize, int maxLength, int numClasses) {
        return new String[]{"--set", "model.variant=lit", "--set", "model.width=8", "--set", "model.depth=1",
                "--set", "model.heads=1", "--set", "model.num-classes=" + numClasses,
                "--set", "model.input.kind=tokens", "--set", "model.input.vocab-size=" + vocabSize,
                "--set", "model.input.max-length=" + maxLength,
                "--set", "train.batch-size-per-worker=10", "--set", "train.epochs=1",
                "--set", "train.warmup-epochs=0", "--set", "train.lr-schedule=constant"};
    }

    private static void assertOneLine(Run run, String expected) {
        assertEquals(1, run.err().lines().count(), run.err());
        assertEquals(expected, run.err().strip());
    }

    /** What the tests pass for {@code name} in {@code dir}: {@code file:///…}. */
    private static String uri(String name) {
        return dir.resolve(name).toUri().toString();
    }

    /** How Hadoop prints the qualified path of {@code name} in {@code dir}: {@code file:/…}. */
    private static String qualified(String name) {
        return "file:" + dir.resolve(name).toAbsolutePath();
    }

    /** The lines of the metrics log (a directory of part files), in part order. */
    private static List<JsonNode> metrics(String run, String type) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        try (Stream<Path> parts = Files.list(dir.resolve(run).resolve("metrics.jsonl"))) {
            for (Path part : parts.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList()) {
                for (String line : Files.readAllLines(part)) {
                    JsonNode node = json.readTree(line);
                    if (node.get("type").asText().equals(type)) {
                        lines.add(node);
                    }
                }
            }
        }
        return lines;
    }

    @Test
    void skippedRowsAreCountedPerEpochAndSplitInTheProgressLineTheMetricsAndTheSummary() throws IOException {
        Run run;
        List<String> progress;
        try (LogCapture log = LogCapture.of("ai.lion.spark.train.progress")) {
            run = train("skip", "run-skip", model(8, "--set", "train.epochs=2", "--set", "data.bad-rows=skip"));
            progress = log.messages().stream().filter(line -> line.contains(" done: ")).toList();
        }
        assertEquals(ExitCode.OK, run.exit(), run.err());

        String perEpoch = ", skipped rows: train {NON_FINITE_VALUE=1, LABEL_OUT_OF_RANGE=1}, validation {NON_FINITE_VALUE=1}";
        assertEquals(2, progress.size(), progress::toString);
        progress.forEach(line -> assertTrue(line.endsWith(perEpoch), line));
        List<JsonNode> epochs = metrics("run-skip", "epoch");
        assertEquals(2, epochs.size());
        for (JsonNode epoch : epochs) {
            assertEquals("{\"train\":{\"NON_FINITE_VALUE\":1,\"LABEL_OUT_OF_RANGE\":1},\"validation\":{\"NON_FINITE_VALUE\":1}}",
                    epoch.get("skipped_rows").toString());
            assertEquals(38, epoch.get("examples").asLong(), "40 rows less the 2 skipped");
        }
        assertTrue(run.out().contains("Skipped rows by problem, summed over the 2 epochs: "
                + "train {NON_FINITE_VALUE=2, LABEL_OUT_OF_RANGE=2}, validation {NON_FINITE_VALUE=2}\n"), run.out());
    }

    @Test
    void aRunWithoutBadRowsReportsNoneSkipped() throws IOException {
        List<JsonNode> epochs = metrics("run-p4", "epoch");
        assertEquals("{\"train\":{},\"validation\":{}}", epochs.get(0).get("skipped_rows").toString());
    }

    @Test
    void trainingAPatchSize4ModelOn7x7PatchesIsAConfigurationErrorNamingTheMetadataAndTheKey() {
        Run run = train("p7", "run-p7", model(SIDE));

        assertEquals(ExitCode.USAGE, run.exit());
        assertOneLine(run, "lion train: invalid configuration: model.input.patch-size = 4: does not fit the prepared "
                + "data: " + qualified("p7/dataset.json") + " says patchSize = 7; set model.input.patch-size = 7");
        assertFalse(Files.exists(dir.resolve("run-p7")), "no checkpoint directory");
    }

    @Test
    void evaluatingAPatchSize4CheckpointOn7x7PatchesNamesTheCheckpointTheMetadataAndTheKeys() throws IOException {
        List<String> before = names(dir.resolve("run-p4"));

        Run run = lion("evaluate", "--set", "data.path=" + uri("p7"), "--set", "checkpoint.path=" + uri("run-p4"),
                "--set", "evaluate.split=test");

        assertEquals(ExitCode.USAGE, run.exit());
        assertOneLine(run, "lion evaluate: invalid configuration: checkpoint.path = " + uri("run-p4") + ": checkpoint "
                + qualified("run-p4/ckpt-000001") + " has model.input.patch-size = 4, which does not fit the prepared data: "
                + qualified("p7/dataset.json") + " says patchSize = 7; choose a checkpoint trained on such data "
                + "(checkpoint.path, checkpoint.select) or data that fits the model (data.path)");
        assertEquals(before, names(dir.resolve("run-p4")), "no evaluation summary written");
    }

    @Test
    void scoringASplitOf7x7PatchesWithAPatchSize4CheckpointIsRefusedAndWritesNothing() {
        Run run = lion("score", "--set", "score.input=" + uri("p7/test"), "--set", "score.output=" + uri("p7-scores/out"),
                "--set", "checkpoint.path=" + uri("run-p4"));

        assertEquals(ExitCode.USAGE, run.exit());
        assertOneLine(run, "lion score: invalid configuration: checkpoint.path = " + uri("run-p4") + ": checkpoint "
                + qualified("run-p4/ckpt-000001") + " has model.input.patch-size = 4, which does not fit the prepared data: "
                + qualified("p7/dataset.json") + " says patchSize = 7; choose a checkpoint trained on such data "
                + "(checkpoint.path, checkpoint.select) or data that fits the model (score.input)");
        assertFalse(Files.exists(dir.resolve("p7-scores")), "no output and no staging directory");
    }

    @Test
    void theCheckpointThatFitsScoresTheSplitOfItsOwnDataset() {
        Run run = lion("score", "--set", "score.input=" + uri("p4/test"), "--set", "score.output=" + uri("p4-scores/out"),
                "--set", "checkpoint.path=" + uri("run-p4"));

        assertEquals(ExitCode.OK, run.exit(), run.err());
        assertTrue(run.out().startsWith("Scored 10 of 10 rows"), run.out());
    }

    @Test
    void aNumberOfClassesOtherThanTheDatasetsIsNamed() {
        Run run = train("p4", "run-classes", model(SIDE, "--set", "model.num-classes=2"));

        assertEquals(ExitCode.USAGE, run.exit());
        assertOneLine(run, "lion train: invalid configuration: model.num-classes = 2: does not fit the prepared data: "
                + qualified("p4/dataset.json") + " says numClasses = 10; set model.num-classes = 10");
        assertFalse(Files.exists(dir.resolve("run-classes")));
    }

    @Test
    void aVocabularyOtherThanTheDatasetsIsNamed() {
        Run run = train("listops", "run-vocab", tokenModel(8, 30, 10));

        assertEquals(ExitCode.USAGE, run.exit());
        assertOneLine(run, "lion train: invalid configuration: model.input.vocab-size = 8: does not fit the prepared "
                + "data: " + qualified("listops/dataset.json") + " says vocabSize = 16; set model.input.vocab-size = 16");
        assertFalse(Files.exists(dir.resolve("run-vocab")));
    }

    @Test
    void aMaximumLengthBelowTheDatasetsIsNamedWithTruncationAsTheAlternative() {
        Run run = train("listops", "run-length", tokenModel(16, 20, 10));

        assertEquals(ExitCode.USAGE, run.exit());
        assertOneLine(run, "lion train: invalid configuration: model.input.max-length = 20: does not fit the prepared "
                + "data: " + qualified("listops/dataset.json") + " says maxLength = 30; set model.input.max-length = 30 or "
                + "data.truncate = true");
        assertFalse(Files.exists(dir.resolve("run-length")));
    }

    @Test
    void aTokenModelOnPatchDataNamesTheInputKind() {
        Run run = train("p4", "run-kind", tokenModel(16, 49, 10));

        assertEquals(ExitCode.USAGE, run.exit());
        assertOneLine(run, "lion train: invalid configuration: model.input.kind = tokens: does not fit the prepared "
                + "data: " + qualified("p4/dataset.json") + " says the rows hold patches (patchDim = 16); set "
                + "model.input.kind = patches");
    }

    @Test
    void aLabelOutOfRangeInDataWithoutMetadataFailsOnTheRow() {
        Run run = train("bad-label", "run-bad-label", model(8));

        assertEquals(ExitCode.JOB_FAILED, run.exit());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("lion train failed: bad row in file:"), run.err());
        assertTrue(run.err().contains("/bad-label/train/part-"), run.err());
        assertTrue(run.err().strip().endsWith(", id 7, column 'label': label out of range (label 5 is not in [0, 2));"
                + " fix or remove the row, or set data.bad-rows = skip to skip and count such rows"), run.err());
    }

    @Test
    void aTokenIdOutOfRangeInDataWithoutMetadataFailsOnTheRow() {
        Run run = train("bad-token", "run-bad-token", tokenModel(16, 6, 2));

        assertEquals(ExitCode.JOB_FAILED, run.exit());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("lion train failed: bad row in file:"), run.err());
        assertTrue(run.err().contains("/bad-token/train/part-"), run.err());
        assertTrue(run.err().strip().endsWith(", id 4, column 'tokens': token id out of range (id 99 at position 2 is not"
                + " in [0, 16)); fix or remove the row, or set data.bad-rows = skip to skip and count such rows"), run.err());
    }

    /** The names in {@code parent}, hidden ones included. */
    private static List<String> names(Path parent) throws IOException {
        try (Stream<Path> files = Files.list(parent)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
