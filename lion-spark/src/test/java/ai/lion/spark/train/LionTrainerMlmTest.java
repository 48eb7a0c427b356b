package ai.lion.spark.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lion.core.models.AdamW;
import ai.lion.core.models.LionConfig;
import ai.lion.core.models.LionModels;
import ai.lion.core.models.Task;
import ai.lion.spark.checkpoint.CheckpointStore;
import ai.lion.spark.checkpoint.TrainingCursor;
import ai.lion.spark.data.BatchSpec;
import ai.lion.spark.data.DataFrameBatcher;
import ai.lion.spark.data.DataSettings;
import ai.lion.spark.testing.LogCapture;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Masked-language-model training on local[2] with checkpoints on the local file system: training loss,
 * validation loss and accuracy count the masked positions only, and the epoch line gives the perplexities.
 */
class LionTrainerMlmTest extends LocalSparkTest {

    private static final int VOCABULARY = 12;
    private static final int PAD = 0;
    private static final int MASK = 1;
    /** Token 2 makes up 60% of every sequence; the other real tokens share the rest. */
    private static final int FREQUENT = 2;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final StructType SCHEMA = new StructType()
            .add("tokens", DataTypes.createArrayType(DataTypes.IntegerType));

    @TempDir
    static Path tempDir;

    private static Dataset<Row> sequences(long seed, int count) {
        Random random = new Random(seed);
        List<Row> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int length = 6 + random.nextInt(7);
            List<Integer> tokens = new ArrayList<>(length);
            for (int t = 0; t < length; t++) {
                tokens.add(random.nextDouble() < 0.6 ? FREQUENT : FREQUENT + 1 + random.nextInt(VOCABULARY - 3));
            }
            rows.add(RowFactory.create(tokens));
        }
        return spark.createDataFrame(rows, SCHEMA).repartition(2);
    }

    @Test
    void maskedPositionsAreLearnedAndScored() throws IOException {
        LionConfig model = LionConfig.builder().width(8).depth(1).heads(2).mlpRatio(2).tokens(VOCABULARY, 12)
                .task(Task.MLM).seed(3).build();
        DataSettings data = DataSettings.builder().padId(PAD).maskTokenId(MASK).mlmProbability(0.3).batchSize(16)
                .build();
        BatchSpec spec = BatchSpec.of(model, data);
        Dataset<Row> validation = sequences(2, 64);
        ComputationGraph untrained = LionModels.build(model, AdamW.defaults());
        EvaluationResult before = Evaluator.evaluate(sc, untrained,
                new DataFrameBatcher(spec).batch(validation, Seeds.validation(5)).rdd());
        String root = tempDir.resolve("mlm").toUri().toString();

        TrainingReport report;
        List<String> progress;
        try (LogCapture log = LogCapture.of("ai.lion.spark.train.progress")) {
            report = LionTrainer.builder(model, AdamW.defaults()).data(data).checkpointRoot(root)
                    .epochs(2).seed(5).workers(2).averagingFrequency(3).trainingApproach(RDDTrainingApproach.Direct)
                    .learningRate(LearningRateSchedule.warmupCosine(0.05, 0.2, 0.01)).build()
                    .fit(sequences(1, 192), validation);
            progress = log.messages();
        }

        EpochMetrics last = report.finalEpoch().orElseThrow();
        long tokens = validation.collectAsList().stream().mapToLong(row -> row.getList(0).size()).sum();
        double expectedTargets = 0.3 * tokens; // every token is selected with probability 0.3
        assertEquals(expectedTargets, before.targets(), 4 * Math.sqrt(tokens * 0.3 * 0.7), "masked positions");
        assertEquals(64, before.examples());
        assertTrue(last.validationLoss() < 0.8 * before.loss(), before.loss() + " -> " + last.validationLoss());
        assertTrue(last.validationAccuracy() > 0.45, "predicting the frequent token at masked positions gives ~0.6,"
                + " got " + last.validationAccuracy());
        assertTrue(root.startsWith("file:"), root);
        JsonNode firstSplit = JSON.readTree(CheckpointStore.open(root, new Configuration()).metricsLog().readAll().stream()
                .filter(line -> line.contains("\"type\":\"split\"")).findFirst().orElseThrow());
        assertEquals(Math.log(VOCABULARY), firstSplit.get(MetricNames.TRAIN_LOSS).asDouble(), 0.4,
                "the first split's loss is per masked token, near a uniform guess: " + firstSplit);
        String lastEpochLine = progress.stream().filter(line -> line.contains("epoch 2/2 done")).findFirst().orElseThrow();
        Matcher losses = Pattern.compile("train loss ([0-9.]+) \\(perplexity ([0-9.]+)\\), val loss ([0-9.]+)"
                + " \\(perplexity ([0-9.]+)\\)").matcher(lastEpochLine);
        assertTrue(losses.find(), lastEpochLine);
        assertEquals(last.trainLoss(), Double.parseDouble(losses.group(1)), 5e-5);
        assertEquals(Math.exp(last.trainLoss()), Double.parseDouble(losses.group(2)), 0.005);
        assertEquals(last.validationLoss(), Double.parseDouble(losses.group(3)), 5e-5);
        assertEquals(Math.exp(last.validationLoss()), Double.parseDouble(losses.group(4)), 0.005);
        assertEquals(new TrainingCursor(2, 0),
                CheckpointStore.open(root, new Configuration()).latestValid().orElseThrow().cursor());
    }
}
