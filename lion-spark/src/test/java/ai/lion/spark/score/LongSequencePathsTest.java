package ai.lion.spark.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lion.core.attention.Form;
import ai.lion.core.inference.GraphWeights;
import ai.lion.core.models.AdamW;
import ai.lion.core.models.LionConfig;
import ai.lion.core.models.LionModel;
import ai.lion.core.models.LionModels;
import ai.lion.core.models.LionVariant;
import ai.lion.core.models.Provenance;
import ai.lion.spark.data.DataSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The long-sequence paths: CHUNK and RNN score a LION classifier with the encoder and agree with the
 * graph's own outputs, also through Spark; ATTENTION and models without LION blocks use the graph.
 */
class LongSequencePathsTest {

    private static final int VOCABULARY = 9;
    private static final int CLASSES = 3;
    private static final int MAX_LENGTH = 40;
    private static final double TOLERANCE = 1e-4;

    private static LionModel lion;

    @BeforeAll
    static void buildModel() {
        LionConfig config = LionConfig.builder().variant(LionVariant.SELECTIVE).width(8).depth(2).heads(2)
                .tokens(VOCABULARY, MAX_LENGTH).numClasses(CLASSES).build();
        ComputationGraph network = LionModels.build(config, AdamW.defaults());
        Nd4j.getRandom().setSeed(3);
        network.params().addi(Nd4j.randn(DataType.FLOAT, network.params().shape()).muli(0.3));
        lion = new LionModel(network, config, Provenance.unknown());
    }

    @Test
    void attentionIsScoredByTheGraph() {
        assertSame(GraphOutputPath.INSTANCE, LongSequencePaths.of(Form.ATTENTION, 16));
    }

    @Test
    void chunkSizeMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LongSequencePaths.of(Form.CHUNK, 0));
        assertTrue(e.getMessage().contains("chunkSize"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = Form.class, names = {"CHUNK", "RNN"})
    void linearFormsScoreAPaddedBatchLikeTheGraph(Form form) {
        ScoringPath path = LongSequencePaths.of(form, 4);
        assertNotSame(GraphOutputPath.INSTANCE, path);
        ScoringModel model = new ScoringModel(lion);
        MultiDataSet batch = tokenBatch(new Random(5), 30, 17, 1);

        assertPredictionsMatch(GraphOutputPath.INSTANCE.score(model, batch, true), path.score(model, batch, true), 3);
    }

    @Test
    void embeddingsAreLeftOutUnlessAsked() {
        ScoringModel model = new ScoringModel(lion);

        Predictions predictions = LongSequencePaths.of(Form.CHUNK, 8).score(model, tokenBatch(new Random(6), 12), false);

        assertEquals(CLASSES, predictions.probabilities(0).length);
        assertThrows(IllegalStateException.class, () -> predictions.embedding(0));
    }

    @Test
    void aSoftmaxModelHasNoLinearFormAndIsScoredByItsGraph() {
        LionConfig config = LionConfig.builder().variant(LionVariant.SOFTMAX).width(8).depth(1).heads(2)
                .tokens(VOCABULARY, MAX_LENGTH).numClasses(CLASSES).build();
        ComputationGraph softmax = LionModels.build(config, AdamW.defaults());
        ScoringModel model = new ScoringModel(new LionModel(softmax, config, Provenance.unknown()));
        MultiDataSet batch = tokenBatch(new Random(9), 20, 9);

        Predictions expected = GraphOutputPath.INSTANCE.score(model, batch, true);
        Predictions actual = LongSequencePaths.of(Form.CHUNK, 4).score(model, batch, true);

        for (int row = 0; row < 2; row++) {
            assertArrayEquals(expected.probabilities(row), actual.probabilities(row), 0f);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GraphWeights.read(softmax));
        assertTrue(e.getMessage().contains("SOFTMAX attention"), e.getMessage());
    }

    @Test
    void thePathIsShippedToExecutorsByJavaSerialisation() throws IOException, ClassNotFoundException {
        ScoringPath path = LongSequencePaths.of(Form.CHUNK, 32);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(path);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            Object copy = in.readObject();
            assertEquals(path, copy);
            assertInstanceOf(ScoringPath.class, copy);
        }
    }

    @Test
    void batchScorerSendsLongSequencesThroughTheEncoderOnSpark() {
        ScoringSpark spark = ScoringSpark.start(LongSequencePathsTest.class);
        try {
            Random random = new Random(9);
            Map<String, int[]> sequences = new HashMap<>();
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                int[] tokens = random.ints(3 + random.nextInt(MAX_LENGTH - 3), 0, VOCABULARY).toArray();
                sequences.put("row-" + i, tokens);
                rows.add(RowFactory.create("row-" + i, Arrays.stream(tokens).boxed().toList()));
            }
            ScoringOptions options = ScoringOptions.builder(DataSettings.builder().batchSize(4).build())
                    .embeddings(true).longSequenceThreshold(10).longSequencePath(LongSequencePaths.of(Form.CHUNK, 4))
                    .build();
            BatchScorer scorer = BatchScorer.create(BroadcastModel.of(spark.session().sparkContext(), lion, "lion"),
                    options);

            List<Row> scored = scorer.score(spark.session().createDataFrame(rows, BatchScorerTest.TOKENS)
                    .repartition(2)).rows().collectAsList();

            assertEquals(sequences.size(), scored.size());
            for (Row row : scored) {
                int[] tokens = sequences.get(row.getString(row.fieldIndex("id")));
                INDArray input = TinyClassifiers.tokenInput(tokens);
                assertClose(TinyClassifiers.probabilities(lion, input), BatchScorerTest.floats(row, "probability"));
                assertClose(TinyClassifiers.pooled(lion, input), BatchScorerTest.floats(row, "embedding"));
            }
        } finally {
            spark.stop();
        }
    }

    /** Random ids [B, 1, T] with a left-aligned mask [B, T]; T is the longest length. */
    private static MultiDataSet tokenBatch(Random random, int... lengths) {
        int time = Arrays.stream(lengths).max().orElseThrow();
        float[][][] ids = new float[lengths.length][1][time];
        float[][] mask = new float[lengths.length][time];
        for (int b = 0; b < lengths.length; b++) {
            for (int t = 0; t < lengths[b]; t++) {
                ids[b][0][t] = random.nextInt(VOCABULARY);
                mask[b][t] = 1;
            }
        }
        return new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {Nd4j.create(ids)}, null,
                new INDArray[] {Nd4j.create(mask)}, null);
    }

    private static void assertPredictionsMatch(Predictions expected, Predictions actual, int rows) {
        assertEquals(rows, actual.size());
        for (int row = 0; row < rows; row++) {
            assertClose(expected.probabilities(row), actual.probabilities(row));
            assertClose(expected.embedding(row), actual.embedding(row));
        }
    }

    private static void assertClose(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            double bound = TOLERANCE * Math.max(1, Math.abs(expected[i]));
            assertEquals(expected[i], actual[i], bound, "element " + i + " of " + Arrays.toString(actual));
        }
    }
}
