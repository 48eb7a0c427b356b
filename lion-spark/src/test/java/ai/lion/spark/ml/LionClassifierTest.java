package ai.lion.spark.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lion.core.models.AdamW;
import ai.lion.core.models.LionConfig;
import ai.lion.core.models.LionVariant;
import ai.lion.spark.score.ScoringSpark;
import ai.lion.spark.score.TinyClassifiers;
import ai.lion.spark.train.GraphFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark ML API on a real local[2] Spark: fitting through the distributed trainer, transforming,
 * saving and loading (alone and inside a Pipeline after a stage that builds the tokens column).
 */
class LionClassifierTest {

    private static final int VOCABULARY = 12;
    private static final StructType TEXT = new StructType()
            .add("id", DataTypes.StringType)
            .add("text", DataTypes.StringType)
            .add("label", DataTypes.IntegerType);
    /** Builds the model's int token column from space-separated ids. */
    private static final String TOKENIZE =
            "SELECT *, transform(split(text, ' '), w -> CAST(w AS INT)) AS tokens FROM __THIS__";

    @TempDir
    static Path dir;
    private static ScoringSpark spark;
    private static Dataset<Row> text;
    private static Dataset<Row> tokens;

    @BeforeAll
    static void setUp() {
        spark = ScoringSpark.start(LionClassifierTest.class);
        Random random = new Random(17);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            int[] ids = random.ints(2 + random.nextInt(7), 0, VOCABULARY).toArray();
            StringBuilder words = new StringBuilder();
            for (int id : ids) {
                words.append(words.length() == 0 ? "" : " ").append(id);
            }
            rows.add(RowFactory.create("doc-" + i, words.toString(), ids[0] < VOCABULARY / 2 ? 0 : 1));
        }
        text = spark.session().createDataFrame(rows, TEXT).repartition(2).cache();
        tokens = new SQLTransformer().setStatement(TOKENIZE).transform(text).cache();
    }

    @AfterAll
    static void tearDown() {
        spark.stop();
    }

    private static LionClassifier classifier(String run) {
        GraphFactory tiny = GraphFactory.of(() -> TinyClassifiers.tokensConfiguration(VOCABULARY, 2, 3),
                "{\"model\":\"tiny\"}");
        return new LionClassifier(tiny).setFeaturesCol("tokens").setCheckpointDir(dir.resolve(run).toString())
                .setEpochs(1).setBatchSize(8).setWorkers(2);
    }

    /** Every output column of every row, by id; vectors as arrays. */
    private static Map<String, List<Object>> byId(Dataset<Row> scored, String... columns) {
        Map<String, List<Object>> rows = new HashMap<>();
        for (Row row : scored.collectAsList()) {
            List<Object> values = new ArrayList<>();
            for (String column : columns) {
                Object value = row.get(row.fieldIndex(column));
                values.add(value instanceof Vector vector ? Arrays.stream(vector.toArray()).boxed().toList() : value);
            }
            rows.put(row.getString(row.fieldIndex("id")), values);
        }
        return rows;
    }

    private static float[] asFloats(Vector vector) {
        double[] values = vector.toArray();
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return floats;
    }

    @Test
    void aFittedModelTransformsLikeItsGraphAndGivesIdenticalColumnsAfterSaveAndLoad() throws IOException {
        LionClassifier classifier = classifier("fit").setEmbeddingCol("embedding");

        LionClassificationModel model = classifier.fit(tokens);
        Dataset<Row> scored = model.transform(tokens);
        String path = dir.resolve("saved-model").toString();
        model.write().save(path);
        LionClassificationModel loaded = LionClassificationModel.load(path);
        Dataset<Row> rescored = loaded.transform(tokens);

        String[] columns = {"tokens", "label", "prediction", "probability", "embedding"};
        assertEquals(List.of("id", "text", "label", "tokens", "prediction", "probability", "embedding"),
                List.of(rescored.schema().fieldNames()));
        assertEquals(byId(scored, columns), byId(rescored, columns));
        assertEquals(64, scored.count());
        assertEquals(model.uid(), loaded.uid());
        assertEquals("tokens", loaded.getFeaturesCol());
        assertEquals("embedding", loaded.getEmbeddingCol());
        assertEquals("{\"model\":\"tiny\"}", loaded.modelConfigJson().orElseThrow());
        assertSame(classifier, model.parent());
        ComputationGraph graph = model.graph();
        for (Row row : scored.collectAsList()) {
            List<Integer> ids = row.getList(row.fieldIndex("tokens"));
            float[] expected = TinyClassifiers.probabilities(graph,
                    TinyClassifiers.tokenInput(ids.stream().mapToInt(Integer::intValue).toArray()));
            assertArrayEquals(expected, asFloats(row.getAs("probability")), 1e-5f);
            assertEquals(expected[0] >= expected[1] ? 0.0 : 1.0, row.<Double>getAs("prediction"));
        }
    }

    @Test
    void theSoftmaxBaselineFitsTransformsAndRoundTrips() throws IOException {
        LionConfig config = LionConfig.builder().variant(LionVariant.SOFTMAX).width(8).depth(1).heads(2).mlpRatio(1)
                .tokens(VOCABULARY, 8).numClasses(2).build();
        LionClassifier classifier = new LionClassifier(GraphFactory.of(config, AdamW.defaults()))
                .setFeaturesCol("tokens").setCheckpointDir(dir.resolve("softmax").toString())
                .setEpochs(1).setBatchSize(8).setWorkers(2).setMaxLength(8);

        LionClassificationModel model = classifier.fit(tokens);
        String path = dir.resolve("saved-softmax").toString();
        model.write().save(path);
        LionClassificationModel loaded = LionClassificationModel.load(path);

        String[] columns = {"prediction", "probability"};
        Map<String, List<Object>> scored = byId(model.transform(tokens), columns);
        assertEquals(64, scored.size());
        assertEquals(scored, byId(loaded.transform(tokens), columns));
        assertEquals(LionVariant.SOFTMAX, LionConfig.fromJson(loaded.modelConfigJson().orElseThrow()).variant());
    }

    @Test
    void aPipelineWithAPrecedingTokenizingStageFitsTransformsAndRoundTrips() throws IOException {
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
                new SQLTransformer().setStatement(TOKENIZE), classifier("pipeline")});

        PipelineModel fitted = pipeline.fit(text);
        Dataset<Row> scored = fitted.transform(text);
        String path = dir.resolve("saved-pipeline").toString();
        fitted.write().save(path);
        PipelineModel loaded = PipelineModel.load(path);

        assertTrue(loaded.stages()[1] instanceof LionClassificationModel, loaded.stages()[1].toString());
        assertEquals(byId(scored, "prediction", "probability"), byId(loaded.transform(text), "prediction",
                "probability"));
        assertEquals(64, scored.count());
    }

    @Test
    void badSchemasAndAMissingCheckpointDirFailBeforeAnyJob() throws Exception {
        LionClassificationModel model = LionClassificationModel.of(TinyClassifiers.tokens(VOCABULARY, 2, 1), null)
                .setFeaturesCol("text");
        LionClassifier noCheckpointDir = new LionClassifier(GraphFactory.of(
                () -> TinyClassifiers.tokensConfiguration(VOCABULARY, 2, 3), "{}")).setFeaturesCol("tokens");
        int jobs = spark.jobsStarted();

        IllegalArgumentException wrongType = assertThrows(IllegalArgumentException.class, () -> model.transform(text));
        IllegalArgumentException clash = assertThrows(IllegalArgumentException.class,
                () -> model.setFeaturesCol("tokens").setPredictionCol("label").transform(tokens));
        IllegalArgumentException noDir = assertThrows(IllegalArgumentException.class,
                () -> noCheckpointDir.fit(tokens));
        IllegalArgumentException noLabel = assertThrows(IllegalArgumentException.class,
                () -> classifier("never").setLabelCol("missing").fit(tokens));

        assertEquals(jobs, spark.jobsStarted(), "jobs started before the failures");
        assertEquals("column 'text' has type string but array<int> is expected", wrongType.getMessage());
        assertTrue(clash.getMessage().contains("clash with the input columns"), clash.getMessage());
        assertTrue(noDir.getMessage().startsWith("param checkpointDir of lionClassifier_"), noDir.getMessage());
        assertTrue(noLabel.getMessage().startsWith("label column 'missing' must exist"), noLabel.getMessage());
    }

    @Test
    void paramsHaveDefaultsAndCopiesKeepTheirValues() {
        LionClassificationModel model = LionClassificationModel.of(TinyClassifiers.tokens(VOCABULARY, 2, 1), null);

        LionClassificationModel copy = model.copy(new org.apache.spark.ml.param.ParamMap()
                .put(model.batchSize().w(5)));

        assertEquals("features", model.getFeaturesCol());
        assertEquals(32, model.getBatchSize());
        assertEquals(ai.lion.core.attention.Form.ATTENTION, model.getForm());
        assertEquals(Integer.MAX_VALUE, model.getLongSequenceThreshold());
        assertEquals(5, copy.getBatchSize());
        assertEquals(model.uid(), copy.uid());
        assertEquals(13, model.params().length, model.explainParams());
        assertThrows(IllegalArgumentException.class, () -> model.setForm("SIDEWAYS"));
        assertThrows(IllegalArgumentException.class, () -> model.setBatchSize(0));
        assertEquals(19, classifier("params").params().length);
    }
}
