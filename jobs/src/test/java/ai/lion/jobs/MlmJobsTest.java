package ai.lion.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * train and evaluate of a masked-language model through {@link LionJobs#run} on local[2]: the figures are
 * per masked token with their perplexity, next to the unigram baseline. Every token is masked
 * ({@code data.mlm-probability = 1}), so the baseline is known here from the rows alone.
 */
@Tag("slow")
class MlmJobsTest {

    private static final int VOCABULARY = 24;
    private static final int FIRST_TOKEN = 4;
    private static final StructType SCHEMA = new StructType()
            .add("tokens", DataTypes.createArrayType(DataTypes.IntegerType));
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    /** Rows of 4 to 12 tokens in [FIRST_TOKEN, VOCABULARY), low ids more frequent. */
    private static List<List<Integer>> sequences(long seed, int count) {
        Random random = new Random(seed);
        List<List<Integer>> sequences = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<Integer> tokens = new ArrayList<>();
            for (int t = 4 + random.nextInt(9); t > 0; t--) {
                tokens.add(FIRST_TOKEN + (int) Math.floor(Math.pow(random.nextDouble(), 3) * (VOCABULARY - FIRST_TOKEN)));
            }
            sequences.add(tokens);
        }
        return sequences;
    }

    @Test
    void trainAndEvaluateReportPerMaskedTokenFiguresBesideTheUnigramBaseline() throws IOException {
        List<List<Integer>> train = sequences(1, 160);
        List<List<Integer>> validation = sequences(2, 40);
        SparkSession spark = SparkSession.builder().master("local[2]").appName("MlmJobsTest")
                .config("spark.ui.enabled", "false").getOrCreate();
        try {
            write(spark, train, "train");
            write(spark, validation, "validation");
        } finally {
            spark.stop();
        }

        String trained = lion("train");
        String evaluated = lion("evaluate", "--set", "evaluate.split=validation");

        long[] counts = new long[VOCABULARY];
        train.forEach(tokens -> tokens.forEach(token -> counts[token]++));
        double total = 0;
        int mostFrequent = 0;
        for (int token = 0; token < VOCABULARY; token++) {
            total += counts[token];
            mostFrequent = counts[token] > counts[mostFrequent] ? token : mostFrequent;
        }
        double lossSum = 0;
        long tokens = 0;
        long frequent = 0;
        for (List<Integer> sequence : validation) {
            for (int token : sequence) {
                lossSum -= Math.log(counts[token] / total);
                frequent += token == mostFrequent ? 1 : 0;
                tokens++;
            }
        }
        double baselineLoss = lossSum / tokens;
        double baselineAccuracy = (double) frequent / tokens;

        JsonNode summary = JSON.readTree(Files.readString(dir.resolve("run/evaluate-validation.json")));
        assertEquals(tokens, summary.get("targets").asLong(), "every validation token is masked");
        assertEquals(Math.exp(summary.get("loss").asDouble()), summary.get("perplexity").asDouble(), 1e-9);
        JsonNode baseline = summary.get("unigram_baseline");
        assertEquals(baselineLoss, baseline.get("loss").asDouble(), 1e-9);
        assertEquals(Math.exp(baselineLoss), baseline.get("perplexity").asDouble(), 1e-9);
        assertEquals(baselineAccuracy, baseline.get("accuracy").asDouble(), 1e-12);
        assertTrue(evaluated.contains(String.format(Locale.ROOT,
                "unigram baseline: masked-token accuracy %.4f, loss per masked token %.4f (perplexity %.2f)",
                baselineAccuracy, baselineLoss, Math.exp(baselineLoss))), evaluated);

        assertTrue(trained.contains(String.format(Locale.ROOT, "Unigram baseline (token frequencies of the"
                + " training split), per masked token: validation loss %.4f (perplexity %.2f), validation accuracy %.4f",
                baselineLoss, Math.exp(baselineLoss), baselineAccuracy)), trained);
        Matcher last = Pattern.compile("Last epoch: 1, per masked token: train loss ([0-9.]+) \\(perplexity ([0-9.]+)\\)")
                .matcher(trained);
        assertTrue(last.find(), trained);
        double trainLoss = Double.parseDouble(last.group(1));
        assertEquals(Math.exp(trainLoss), Double.parseDouble(last.group(2)), 0.01);
        assertEquals(Math.log(VOCABULARY), trainLoss, 0.8, "one short epoch leaves the loss per masked token near a uniform guess");
    }

    private static void write(SparkSession spark, List<List<Integer>> sequences, String split) {
        List<Row> rows = new ArrayList<>();
        sequences.forEach(tokens -> rows.add(RowFactory.create(tokens)));
        spark.createDataFrame(rows, SCHEMA).repartition(2).write().parquet(dir.resolve("data").resolve(split).toString());
    }

    /** Runs {@code command} on the tiny MLM run and returns what it printed; fails unless it succeeded. */
    private static String lion(String command, String... extra) {
        List<String> args = new ArrayList<>(List.of(command,
                "--set", "data.path=" + dir.resolve("data").toUri(),
                "--set", "checkpoint.path=" + dir.resolve("run").toUri(),
                "--set", "data.mask-token-id=3", "--set", "data.mlm-probability=1",
                "--set", "model.task=mlm", "--set", "model.variant=selective", "--set", "model.width=16",
                "--set", "model.depth=1", "--set", "model.heads=2",
                "--set", "model.input.kind=tokens", "--set", "model.input.vocab-size=" + VOCABULARY,
                "--set", "model.input.max-length=12",
                "--set", "train.epochs=1", "--set", "train.batch-size-per-worker=16",
                "--set", "train.averaging-frequency=2", "--set", "train.warmup-epochs=0",
                "--set", "train.lr-schedule=constant", "--set", "train.learning-rate=0.003",
                "--set", "spark.master=local[2]", "--set", "spark.conf.\"spark.ui.enabled\"=false"));
        args.addAll(List.of(extra));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ExitCode exit = LionJobs.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(ExitCode.OK, exit, () -> printed + err.toString(StandardCharsets.UTF_8));
        return printed;
    }
}
