package ai.lion.jobs;

import ai.lion.spark.checkpoint.CheckpointInfo;
import ai.lion.spark.checkpoint.CheckpointStore;
import ai.lion.spark.checkpoint.TrainingCursor;
import ai.lion.spark.report.TrainingChart;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * train, evaluate and score run end to end through {@link LionJobs#run} on a real Spark local[2]:
 * one epoch on a small generated patch dataset, then the checkpoint is evaluated and scored, and both
 * results are compared with the checkpoint's network applied directly to the rows.
 */
class JobsWiringTest {

    private static final int IMAGE = 8;
    private static final int PATCH = 4;
    private static final int PATCH_DIM = PATCH * PATCH;
    private static final int PATCHES = (IMAGE / PATCH) * (IMAGE / PATCH);
    private static final int CLASSES = 3;
    private static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.LongType)
            .add("patches", DataTypes.createArrayType(DataTypes.FloatType))
            .add("label", DataTypes.IntegerType);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static List<Row> testRows;
    private static Run train;

    /** What one command printed and returned. */
    private record Run(ExitCode exit, String out, String err) {
    }

    @BeforeAll
    static void prepareAndTrain() {
        testRows = rows(3, 90, 2000);
        SparkSession spark = SparkSession.builder().master("local[2]").appName("JobsWiringTest")
                .config("spark.ui.enabled", "false").getOrCreate();
        try {
            spark.createDataFrame(rows(1, 240, 0), SCHEMA).write().parquet(dir.resolve("data/train").toString());
            spark.createDataFrame(rows(2, 60, 1000), SCHEMA).write().parquet(dir.resolve("data/validation").toString());
            spark.createDataFrame(testRows, SCHEMA).repartition(2).write().parquet(dir.resolve("data/test").toString());
        } finally {
            spark.stop();
        }
        train = lion("train");
    }

    /**
     * Rows of a learnable task: Gaussian patch values, and in every patch the values
     * {@code [label * 5, label * 5 + 5)} shifted up by 1.5.
     */
    private static List<Row> rows(long seed, int count, long firstId) {
        Random random = new Random(seed);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int label = random.nextInt(CLASSES);
            List<Float> patches = new ArrayList<>();
            for (int p = 0; p < PATCHES; p++) {
                for (int c = 0; c < PATCH_DIM; c++) {
                    boolean shifted = c >= label * 5 && c < label * 5 + 5;
                    patches.add((float) (random.nextGaussian() + (shifted ? 1.5 : 0)));
                }
            }
            rows.add(RowFactory.create(firstId + i, patches, label));
        }
        return rows;
    }

    /** Runs {@code command} with the tiny run's configuration and {@code extra} overrides. */
    private static Run lion(String command, String... extra) {
        List<String> args = new ArrayList<>(List.of(command,
                "--set", "data.path=" + dir.resolve("data").toUri(),
                "--set", "checkpoint.path=" + dir.resolve("run").toUri(),
                "--set", "model.variant=selective", "--set", "model.width=16", "--set", "model.depth=1",
                "--set", "model.heads=2", "--set", "model.num-classes=" + CLASSES,
                "--set", "model.input.kind=patches", "--set", "model.input.image-size=" + IMAGE,
                "--set", "model.input.patch-size=" + PATCH,
                "--set", "train.epochs=1", "--set", "train.batch-size-per-worker=20",
                "--set", "train.averaging-frequency=2", "--set", "train.warmup-epochs=0",
                "--set", "train.lr-schedule=constant", "--set", "train.learning-rate=0.01",
                "--set", "score.input=" + dir.resolve("data/test").toUri(),
                "--set", "score.output=" + dir.resolve("scores").toUri(),
                "--set", "spark.master=local[2]", "--set", "spark.conf.\"spark.ui.enabled\"=false"));
        args.addAll(List.of(extra));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ExitCode exit = LionJobs.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static CheckpointStore store() throws IOException {
        return CheckpointStore.open(dir.resolve("run").toUri().toString(), new Configuration());
    }

    /** The checkpoint's class probabilities for every test row, computed here without Spark. */
    private static INDArray directProbabilities() throws IOException {
        CheckpointStore store = store();
        ComputationGraph graph = store.load(store.latestValid().orElseThrow()).model().network();
        INDArray features = Nd4j.create(testRows.size(), PATCH_DIM, PATCHES);
        for (int b = 0; b < testRows.size(); b++) {
            @SuppressWarnings("unchecked")
            List<Float> patches = (List<Float>) testRows.get(b).get(1);
            for (int t = 0; t < PATCHES; t++) {
                for (int c = 0; c < PATCH_DIM; c++) {
                    features.putScalar(new int[] {b, c, t}, patches.get(t * PATCH_DIM + c));
                }
            }
        }
        return graph.outputSingle(features);
    }

    private static String printed(Run run, String prefix) {
        Matcher line = Pattern.compile("^" + Pattern.quote(prefix) + "(.*)$", Pattern.MULTILINE).matcher(run.out());
        assertTrue(line.find(), () -> "no line '" + prefix + "...' in\n" + run.out() + run.err());
        return line.group(1).trim();
    }

    @Test
    void trainCheckpointsTheEpochAndDrawsItsChart() throws IOException {
        assertEquals(ExitCode.OK, train.exit(), train.err());
        CheckpointInfo newest = store().latestValid().orElseThrow();
        assertEquals(new TrainingCursor(1, 0), newest.cursor());
        assertEquals(newest.location().toString(), printed(train, "Checkpoint: "));
        Path chart = Path.of(java.net.URI.create(printed(train, "Training chart: ")));
        assertEquals(dir.resolve("run").resolve(TrainingChart.FILE_NAME), chart);
        String html = Files.readString(chart);
        assertEquals(1, html.split("data-series=\"validation accuracy\"", -1).length - 1, html);
        assertTrue(train.out().startsWith("Training stopped (MAX_EPOCHS) after 1 epochs"), train.out());
        double[] baseline = classFrequencyBaseline(rows(2, 60, 1000));
        assertEquals(String.format(java.util.Locale.ROOT, "validation loss %.4f, validation accuracy %.4f", baseline[0],
                baseline[1]), printed(train, "Class-frequency baseline (label frequencies of the training split): "));
    }

    @Test
    void evaluateReportsTheLossAndAccuracyOfTheCheckpointOnTheTestSplit() throws IOException {
        Run evaluate = lion("evaluate");
        assertEquals(ExitCode.OK, evaluate.exit(), evaluate.err());
        Path summaryFile = Path.of(java.net.URI.create(printed(evaluate, "Summary: ")));
        assertEquals(dir.resolve("run/evaluate-test.json"), summaryFile);
        JsonNode summary = JSON.readTree(summaryFile.toFile());

        INDArray probabilities = directProbabilities();
        double loss = 0;
        int right = 0;
        for (int b = 0; b < testRows.size(); b++) {
            int label = testRows.get(b).getInt(2);
            loss -= Math.log(probabilities.getDouble(b, label));
            right += probabilities.getRow(b).argMax().getInt(0) == label ? 1 : 0;
        }
        assertEquals(testRows.size(), summary.get("examples").asLong());
        assertEquals(right / (double) testRows.size(), summary.get("accuracy").asDouble(), 1e-9);
        assertEquals(loss / testRows.size(), summary.get("loss").asDouble(), 1e-4);
        assertEquals(store().latestValid().orElseThrow().location().toString(), summary.get("checkpoint").asText());
        assertTrue(right > testRows.size() / 2, "one epoch learns the task: " + right + " of " + testRows.size());
        assertTrue(printed(evaluate, "Evaluation: ").startsWith(String.format(java.util.Locale.ROOT, "accuracy %.4f",
                right / (double) testRows.size())), evaluate.out());

        double[] baseline = classFrequencyBaseline(testRows);
        JsonNode baselineNode = summary.get("class_frequency_baseline");
        assertEquals(baseline[0], baselineNode.get("loss").asDouble(), 1e-9);
        assertEquals(baseline[1], baselineNode.get("accuracy").asDouble(), 1e-12);
        assertTrue(printed(evaluate, "Evaluation: ").endsWith(String.format(java.util.Locale.ROOT,
                "class-frequency baseline: accuracy %.4f, loss %.4f", baseline[1], baseline[0])), evaluate.out());
    }

    /** Loss and accuracy on {@code evaluated} of the class frequencies of the training rows, computed here. */
    private static double[] classFrequencyBaseline(List<Row> evaluated) {
        List<Row> trainRows = rows(1, 240, 0);
        long[] counts = new long[CLASSES];
        trainRows.forEach(row -> counts[row.getInt(2)]++);
        int mostFrequent = 0;
        for (int c = 1; c < CLASSES; c++) {
            mostFrequent = counts[c] > counts[mostFrequent] ? c : mostFrequent;
        }
        double loss = 0;
        int right = 0;
        for (Row row : evaluated) {
            loss -= Math.log(counts[row.getInt(2)] / (double) trainRows.size());
            right += row.getInt(2) == mostFrequent ? 1 : 0;
        }
        return new double[] {loss / evaluated.size(), right / (double) evaluated.size()};
    }

    @Test
    void scoreWritesTheCheckpointsPredictionForEveryRow() throws IOException {
        Run score = lion("score", "--set", "score.overwrite=true");
        assertEquals(ExitCode.OK, score.exit(), score.err());
        assertTrue(score.out().startsWith("Scored " + testRows.size() + " of " + testRows.size() + " rows"), score.out());

        INDArray probabilities = directProbabilities();
        Map<Long, Integer> expected = new HashMap<>();
        for (int b = 0; b < testRows.size(); b++) {
            expected.put(testRows.get(b).getLong(0), probabilities.getRow(b).argMax().getInt(0));
        }
        SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false").getOrCreate();
        try {
            Map<Long, Integer> scored = new HashMap<>();
            for (Row row : spark.read().parquet(dir.resolve("scores").toString()).collectAsList()) {
                assertEquals(null, scored.put(row.getLong(row.fieldIndex("id")), row.getInt(row.fieldIndex("prediction"))));
                List<Float> written = row.getList(row.fieldIndex("probability"));
                assertEquals(CLASSES, written.size());
            }
            assertEquals(expected, scored);
        } finally {
            spark.stop();
        }
    }

    /**
     * The softmax baseline through the same jobs: it learns in one epoch, is evaluated and scored (auto
     * form: by the graph), and an explicit chunk form is refused naming the keys.
     */
    @Test
    void theSoftmaxBaselineTrainsEvaluatesAndScores() throws IOException {
        String[] softmax = {"--set", "model.variant=softmax", "--set", "checkpoint.path=" + dir.resolve("softmax").toUri(),
            "--set", "score.output=" + dir.resolve("softmax-scores").toUri()};
        Run trainSoftmax = lion("train", softmax);
        assertEquals(ExitCode.OK, trainSoftmax.exit(), trainSoftmax.err());
        Run evaluate = lion("evaluate", softmax);
        assertEquals(ExitCode.OK, evaluate.exit(), evaluate.err());
        JsonNode summary = JSON.readTree(dir.resolve("softmax/evaluate-test.json").toFile());
        assertTrue(summary.get("accuracy").asDouble() > 0.5, "one epoch learns the task: " + summary);
        Run score = lion("score", softmax);
        assertEquals(ExitCode.OK, score.exit(), score.err());
        assertTrue(score.out().startsWith("Scored " + testRows.size() + " of " + testRows.size() + " rows"), score.out());
        Run chunk = lion("score", concat(softmax, "--set", "score.form=chunk", "--set", "score.overwrite=true"));
        assertEquals(ExitCode.JOB_FAILED, chunk.exit());
        assertTrue(chunk.err().contains("score.form = chunk does not apply to the checkpoint's model.variant = softmax"),
                chunk.err());
    }

    private static String[] concat(String[] first, String... more) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    void aMissingCheckpointFailsTheJobWithTheSelectionNamed() {
        Run evaluate = lion("evaluate", "--set", "checkpoint.select=99");
        assertEquals(ExitCode.JOB_FAILED, evaluate.exit());
        assertTrue(evaluate.err().contains("holds no checkpoint 99 (checkpoint.select); it holds ["), evaluate.err());
    }
}
