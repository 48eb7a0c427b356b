package ai.lion.spark.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lion.core.models.LionModel;
import ai.lion.spark.checkpoint.Checkpoint;
import ai.lion.spark.checkpoint.CheckpointStore;
import ai.lion.spark.checkpoint.TrainingCursor;
import ai.lion.spark.data.DataSettings;
import ai.lion.spark.testing.LogCapture;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Batch scoring on a real local[2] Spark with real DL4J graphs: every row is scored exactly once with
 * the values the graph itself computes for that row alone, long sequences take the long path, the
 * model is loaded once per JVM, and results are written as Parquet.
 */
class BatchScorerTest {

    static final StructType TOKENS = new StructType()
            .add("id", DataTypes.StringType)
            .add("tokens", DataTypes.createArrayType(DataTypes.IntegerType));
    private static final int VOCABULARY = 20;
    private static final int CLASSES = 3;
    private static final float TOLERANCE = 1e-5f;

    @TempDir
    static Path dir;
    private static ScoringSpark spark;
    private static LionModel model;
    private static Path modelZip;
    private static Map<String, int[]> sequences;
    private static Dataset<Row> rows;

    @BeforeAll
    static void setUp() throws IOException {
        spark = ScoringSpark.start(BatchScorerTest.class);
        model = TinyClassifiers.tokens(VOCABULARY, CLASSES, 7);
        modelZip = TinyClassifiers.save(model, dir.resolve("tokens.zip"));
        sequences = randomSequences(40, 14, 11);
        rows = frame(sequences).repartition(4);
    }

    @AfterAll
    static void tearDown() {
        spark.stop();
    }

    static Map<String, int[]> randomSequences(int count, int maxLength, long seed) {
        Random random = new Random(seed);
        Map<String, int[]> byId = new HashMap<>();
        for (int i = 0; i < count; i++) {
            byId.put("row-" + i, random.ints(1 + random.nextInt(maxLength), 0, VOCABULARY).toArray());
        }
        return byId;
    }

    private static Dataset<Row> frame(Map<String, int[]> byId) {
        List<Row> list = new ArrayList<>();
        byId.forEach((id, tokens) -> list.add(RowFactory.create(id, Arrays.stream(tokens).boxed().toList())));
        return spark.session().createDataFrame(list, TOKENS);
    }

    static DataSettings.Builder tokenRows() {
        return DataSettings.builder().batchSize(4);
    }

    static float[] floats(Row row, String column) {
        List<Float> values = row.getList(row.fieldIndex(column));
        float[] array = new float[values.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = values.get(i);
        }
        return array;
    }

    private static int argmax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Asserts that {@code scored} holds each id of {@code sequences} once, with the graph's own outputs. */
    private static void assertScoredLikeTheGraph(List<Row> scored, boolean embeddings) {
        assertEquals(sequences.size(), scored.size(), "rows");
        Map<String, Row> byId = new HashMap<>();
        scored.forEach(row -> byId.put(row.getString(row.fieldIndex("id")), row));
        assertEquals(sequences.keySet(), byId.keySet(), "every id exactly once");
        sequences.forEach((id, tokens) -> {
            Row row = byId.get(id);
            INDArray input = TinyClassifiers.tokenInput(tokens);
            float[] expected = TinyClassifiers.probabilities(model, input);
            assertArrayEquals(expected, floats(row, "probability"), TOLERANCE, id);
            assertEquals(argmax(expected), row.getInt(row.fieldIndex("prediction")), id);
            if (embeddings) {
                assertArrayEquals(TinyClassifiers.pooled(model, input), floats(row, "embedding"), TOLERANCE, id);
            }
        });
    }

    @Test
    void everyRowIsScoredOnceWithTheProbabilitiesAndEmbeddingTheGraphComputesForItAlone() throws IOException {
        ScoringOptions options = ScoringOptions.builder(tokenRows().build()).embeddings(true).build();

        ScoredRows scored = BatchScorer.forModel(spark.session(), modelZip.toString(), options).score(rows);
        List<Row> collected = scored.rows().collectAsList();

        assertScoredLikeTheGraph(collected, true);
        assertEquals(List.of("id", "tokens", "prediction", "probability", "embedding"),
                List.of(scored.rows().schema().fieldNames()));
        assertEquals(sequences.size(), scored.progress().rowsScored());
        assertEquals(sequences.size(), scored.rowCounts().read());
    }

    /** Delegates to the plain path and counts the sequences it is given (one JVM in local mode). */
    static final class CountingPath implements ScoringPath {
        private static final long serialVersionUID = 1L;
        static final AtomicInteger SEQUENCES = new AtomicInteger();
        static final AtomicInteger LONGEST_BATCH = new AtomicInteger();

        @Override
        public Predictions score(ScoringModel model, MultiDataSet batch, boolean withEmbeddings) {
            int size = (int) batch.getFeatures(0).size(0);
            SEQUENCES.addAndGet(size);
            LONGEST_BATCH.accumulateAndGet(size, Math::max);
            return GraphOutputPath.INSTANCE.score(model, batch, withEmbeddings);
        }
    }

    @Test
    void sequencesLongerThanTheThresholdAreScoredOneByOneByTheLongSequencePath() throws IOException {
        int threshold = 9;
        long longRows = sequences.values().stream().filter(tokens -> tokens.length > threshold).count();
        ScoringOptions options = ScoringOptions.builder(tokenRows().build())
                .longSequenceThreshold(threshold).longSequencePath(new CountingPath()).build();
        CountingPath.SEQUENCES.set(0);
        CountingPath.LONGEST_BATCH.set(0);

        List<Row> collected = BatchScorer.forModel(spark.session(), modelZip.toString(), options)
                .score(rows).rows().collectAsList();

        assertScoredLikeTheGraph(collected, false);
        assertTrue(longRows > 0 && longRows < sequences.size(), "the data has long and short rows: " + longRows);
        assertEquals(longRows, CountingPath.SEQUENCES.get());
        assertEquals(1, CountingPath.LONGEST_BATCH.get());
    }

    @Test
    void idsAndPredictionsAreWrittenAsParquetAndReportedWithProgress() throws IOException {
        String output = dir.resolve("scores").toString();
        ScoringOptions options = ScoringOptions.builder(tokenRows().build())
                .progressInterval(Duration.ofMillis(50)).build();
        BatchScorer scorer = BatchScorer.forModel(spark.session(), modelZip.toString(), options);

        ScoringReport report;
        List<String> progress;
        try (LogCapture log = LogCapture.of(ScoringProgress.class.getName())) {
            report = scorer.writeParquet(rows, output);
            progress = log.messages();
        }
        Dataset<Row> written = spark.session().read().parquet(output);

        assertEquals(List.of("id", "prediction", "probability"), List.of(written.schema().fieldNames()));
        assertEquals(DataTypes.FloatType, ((ArrayType) written.schema().apply("probability").dataType()).elementType());
        assertScoredLikeTheGraph(written.collectAsList(), false);
        assertEquals(sequences.size(), report.rowsScored());
        assertEquals(sequences.size(), report.rowsRead());
        assertEquals(Map.of(), report.skipped());
        assertEquals(output, report.output());
        assertTrue(report.rowsPerSecond() > 0, "rows/s " + report.rowsPerSecond());
        assertTrue(progress.size() >= 2, "periodic and final progress lines: " + progress);
        assertTrue(progress.get(progress.size() - 1).startsWith("INFO Scoring into " + output + " finished: 40 rows"),
                progress.toString());
    }

    @Test
    void theModelIsLoadedOnceByTheJvmForAllConcurrentTasksAndLaterJobs() throws IOException {
        Path fresh = TinyClassifiers.save(model, dir.resolve("fresh.zip"));
        BatchScorer scorer = BatchScorer.forModel(spark.session(), fresh.toString(),
                ScoringOptions.builder(tokenRows().batchSize(2).build()).build());
        long before = ModelCache.loads();

        long first = scorer.score(rows).rows().count();
        long second = scorer.score(rows).rows().count();

        assertEquals(sequences.size(), first);
        assertEquals(sequences.size(), second);
        assertEquals(1, ModelCache.loads() - before, "models loaded for 2 jobs x 4 partitions on 2 cores");
    }

    @Test
    void checkpointsAreScoredFromTheStoreRootFromOneCheckpointDirectoryOrFromTheirModelFile() throws IOException {
        Path root = dir.resolve("checkpoints");
        CheckpointStore store = CheckpointStore.open(root.toString(), new Configuration());
        store.write(Checkpoint.builder(TinyClassifiers.tokens(VOCABULARY, CLASSES, 99), TrainingCursor.START).build());
        String latest = store.write(Checkpoint.builder(model, new TrainingCursor(1, 0)).build()).location().toString();
        ScoringOptions options = ScoringOptions.builder(tokenRows().build()).build();

        StoredModel fromRoot = StoredModel.resolve(root.toString(), new Configuration());
        List<Row> scored = BatchScorer.create(fromRoot, options).score(rows).rows().collectAsList();
        StoredModel fromDirectory = StoredModel.resolve(latest, new Configuration());
        StoredModel fromModelFile = StoredModel.resolve(latest + "/model.zip", new Configuration());
        List<Row> scoredFromFile = BatchScorer.create(fromModelFile, options).score(rows).rows().collectAsList();

        assertScoredLikeTheGraph(scored, false);
        assertScoredLikeTheGraph(scoredFromFile, false);
        assertEquals("checkpoint " + latest, fromRoot.describe());
        assertEquals(fromRoot.cacheKey(), fromDirectory.cacheKey());
        assertEquals(model.config(), fromRoot.config());
        assertEquals(model.config(), fromModelFile.config());
        assertEquals(model.config(), ModelCache.get(fromRoot).config());
    }

    @Test
    void patchSequencesAreScoredLikeTheGraphScoresThem() throws IOException {
        int patchDim = 3;
        LionModel patchModel = TinyClassifiers.patches(patchDim, 2, 5);
        Path zip = TinyClassifiers.save(patchModel, dir.resolve("patches.zip"));
        StructType schema = new StructType().add("id", DataTypes.LongType)
                .add("patches", DataTypes.createArrayType(DataTypes.FloatType));
        Random random = new Random(3);
        Map<Long, float[]> byId = new HashMap<>();
        List<Row> list = new ArrayList<>();
        for (long id = 0; id < 12; id++) {
            float[] values = new float[patchDim * (1 + random.nextInt(6))];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) random.nextGaussian();
            }
            byId.put(id, values);
            List<Float> boxed = new ArrayList<>();
            for (float v : values) {
                boxed.add(v);
            }
            list.add(RowFactory.create(id, boxed));
        }
        ScoringOptions options = ScoringOptions.builder(DataSettings.builder().batchSize(5).build()).build();

        List<Row> scored = BatchScorer.forModel(spark.session(), zip.toString(), options)
                .score(spark.session().createDataFrame(list, schema).repartition(2)).rows().collectAsList();

        assertEquals(byId.size(), scored.size());
        for (Row row : scored) {
            float[] expected = TinyClassifiers.probabilities(patchModel,
                    TinyClassifiers.patchInput(byId.remove(row.getLong(0)), patchDim));
            assertArrayEquals(expected, floats(row, "probability"), TOLERANCE);
        }
        assertTrue(byId.isEmpty(), "ids never scored: " + byId.keySet());
    }
}
