package ai.lion.spark.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lion.core.models.LionConfig;
import ai.lion.core.models.Task;
import ai.lion.spark.data.BadRowPolicy;
import ai.lion.spark.data.BatchSpec;
import ai.lion.spark.data.DataFrameBatcher;
import ai.lion.spark.data.DataSettings;
import ai.lion.spark.data.TargetCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * The frequency baseline and the target counts behind it, for masked tokens (unigram) and for class
 * labels, against float64 computations on the rows themselves.
 */
class FrequencyBaselineTest extends LocalSparkTest {

    private static final int VOCABULARY = 9;
    private static final int MAX_LENGTH = 8;
    private static final StructType SCHEMA = new StructType()
            .add("tokens", DataTypes.createArrayType(DataTypes.IntegerType));

    private static BatchSpec spec(BadRowPolicy policy) {
        return BatchSpec.of(LionConfig.builder().width(4).depth(1).heads(1).tokens(VOCABULARY, MAX_LENGTH)
                        .task(Task.MLM).build(),
                DataSettings.builder().padId(0).maskTokenId(1).mlmProbability(0.4).truncate(true).badRowPolicy(policy)
                        .batchSize(5).build());
    }

    /** Rows of 3 to 11 tokens in [2, VOCABULARY), skewed towards low ids; some are longer than MAX_LENGTH. */
    private static List<List<Integer>> sequences(long seed, int count) {
        Random random = new Random(seed);
        List<List<Integer>> sequences = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<Integer> tokens = new ArrayList<>();
            int length = 3 + random.nextInt(9);
            for (int t = 0; t < length; t++) {
                tokens.add(2 + (int) Math.floor(Math.pow(random.nextDouble(), 2) * (VOCABULARY - 2)));
            }
            sequences.add(tokens);
        }
        return sequences;
    }

    private static Dataset<Row> frame(List<List<Integer>> sequences) {
        List<Row> rows = new ArrayList<>();
        sequences.forEach(tokens -> rows.add(RowFactory.create(tokens)));
        return spark.createDataFrame(rows, SCHEMA).repartition(3);
    }

    /** Occurrences of each id in the first MAX_LENGTH tokens of every row. */
    private static long[] countedByHand(List<List<Integer>> sequences) {
        long[] counts = new long[VOCABULARY];
        for (List<Integer> tokens : sequences) {
            tokens.subList(0, Math.min(MAX_LENGTH, tokens.size())).forEach(token -> counts[token]++);
        }
        return counts;
    }

    @Test
    void tokensAreCountedAfterTruncationAndBadRowsSkipped() {
        List<List<Integer>> good = sequences(1, 40);
        List<List<Integer>> withBad = new ArrayList<>(good);
        withBad.add(List.of(3, VOCABULARY, 4)); // an id outside the vocabulary: the row is skipped, none of it counts

        long[] counts = TargetCounts.count(frame(withBad), spec(BadRowPolicy.SKIP));

        assertArrayEquals(countedByHand(good), counts);
    }

    @Test
    void lossAndAccuracyAreThoseOfTheTrainingFrequenciesOnTheMaskedTokens() {
        List<List<Integer>> train = sequences(2, 60);
        BatchSpec spec = spec(BadRowPolicy.FAIL);
        List<MultiDataSet> validation = new DataFrameBatcher(spec).batch(frame(sequences(3, 30)), 7).rdd().collect();

        EvaluationResult result = Evaluator.evaluate(FrequencyBaseline.fromTraining(frame(train), spec),
                sc.parallelize(validation, 2));

        long[] counts = countedByHand(train);
        double total = 0;
        int mostFrequent = 0;
        for (int token = 0; token < VOCABULARY; token++) {
            total += counts[token];
            mostFrequent = counts[token] > counts[mostFrequent] ? token : mostFrequent;
        }
        double lossSum = 0;
        long masked = 0;
        long right = 0;
        for (MultiDataSet batch : validation) {
            INDArray labels = batch.getLabels(0);
            INDArray selected = batch.getLabelsMaskArray(0);
            for (long b = 0; b < labels.size(0); b++) {
                for (long t = 0; t < labels.size(2); t++) {
                    if (selected.getDouble(b, t) == 0) {
                        continue;
                    }
                    int token = tokenAt(labels, b, t);
                    assertTrue(counts[token] > 0, "every validation token occurs in training");
                    lossSum -= Math.log(counts[token] / total);
                    right += token == mostFrequent ? 1 : 0;
                    masked++;
                }
            }
        }
        assertTrue(masked > 30, "masked tokens: " + masked);
        assertEquals(masked, result.targets());
        assertEquals(30, result.examples());
        assertEquals(lossSum / masked, result.loss(), 1e-12);
        assertEquals((double) right / masked, result.accuracy(), 0.0);
    }

    @Test
    void classLabelsAreCountedAndScoredOnEveryExample() {
        int classes = 4;
        BatchSpec spec = BatchSpec.of(LionConfig.builder().width(4).depth(1).heads(1).tokens(VOCABULARY, MAX_LENGTH)
                        .numClasses(classes).build(),
                DataSettings.builder().padId(0).batchSize(5).badRowPolicy(BadRowPolicy.SKIP).build());
        StructType schema = SCHEMA.add("label", DataTypes.IntegerType);
        Random random = new Random(4);
        List<Row> train = new ArrayList<>();
        List<Row> validation = new ArrayList<>();
        long[] counts = new long[classes];
        for (int i = 0; i < 90; i++) {
            int label = random.nextInt(10) < 5 ? 2 : random.nextInt(classes); // class 2 the most frequent
            List<Integer> tokens = List.of(2 + random.nextInt(VOCABULARY - 2), 2 + random.nextInt(VOCABULARY - 2));
            (i < 60 ? train : validation).add(RowFactory.create(tokens, label));
            if (i < 60) {
                counts[label]++;
            }
        }
        train.add(RowFactory.create(List.of(3), classes)); // a label out of range: skipped, not counted

        long[] counted = TargetCounts.count(spark.createDataFrame(train, schema).repartition(3), spec);
        List<MultiDataSet> batches = new DataFrameBatcher(spec)
                .batch(spark.createDataFrame(validation, schema).repartition(2), 1).rdd().collect();
        EvaluationResult result = Evaluator.evaluate(FrequencyBaseline.of(counted), sc.parallelize(batches, 2));

        assertArrayEquals(counts, counted);
        double lossSum = 0;
        long right = 0;
        for (Row row : validation) {
            int label = row.getInt(1);
            assertTrue(counts[label] > 0, "every validation class occurs in training");
            lossSum -= Math.log(counts[label] / 60.0);
            right += label == 2 ? 1 : 0;
        }
        assertEquals(30, result.targets());
        assertEquals(30, result.examples());
        assertEquals(lossSum / 30, result.loss(), 1e-12);
        assertEquals(right / 30.0, result.accuracy(), 0.0);
    }

    @Test
    void withoutAnyCountedTargetThereIsNoBaseline() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> FrequencyBaseline.of(new long[VOCABULARY]));
        assertTrue(error.getMessage().contains("no target was counted"), error.getMessage());
    }

    private static int tokenAt(INDArray oneHot, long b, long t) {
        for (int c = 0; c < VOCABULARY; c++) {
            if (oneHot.getDouble(b, c, t) == 1) {
                return c;
            }
        }
        throw new AssertionError("no token at example " + b + ", step " + t);
    }
}
