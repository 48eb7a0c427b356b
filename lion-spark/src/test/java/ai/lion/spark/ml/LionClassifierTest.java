package ai.lion.spark.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lion.core.attention.LionOptions;
import ai.lion.core.models.LionConfig;
import ai.lion.core.models.LionModel;
import ai.lion.core.models.LionModels;
import ai.lion.core.models.LionVariant;
import ai.lion.core.models.Task;
import ai.lion.spark.data.ImageAugmentation;
import ai.lion.spark.score.ScoringSpark;
import ai.lion.spark.score.TinyClassifiers;
import ai.lion.spark.train.LearningRateSchedule;
import ai.lion.spark.train.TrainingDefaults;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.ml.tuning.TrainValidationSplit;
import org.apache.spark.ml.tuning.TrainValidationSplitModel;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
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

    /** A one-block LION classifier of the token rows. */
    private static LionConfig tiny(LionVariant variant) {
        return LionConfig.builder().variant(variant).width(8).depth(1).heads(2).mlpRatio(1).tokens(VOCABULARY, 8)
                .numClasses(2).build();
    }

    private static LionClassifier classifier(String run) {
        return new LionClassifier(tiny(LionVariant.SELECTIVE)).setFeaturesCol("tokens").setMaxLength(8)
                .setCheckpointDir(dir.resolve(run).toString()).setEpochs(1).setWarmupEpochs(0).setLearningRate(1e-2)
                .setBatchSize(8).setWorkers(2);
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
        assertEquals(tiny(LionVariant.SELECTIVE), loaded.model().config());
        assertEquals(model.model().provenance(), loaded.model().provenance());
        assertEquals(1, loaded.model().provenance().position().epoch(), "trained for one epoch");
        File modelFile = new File(path, "model/model.zip");
        assertEquals(tiny(LionVariant.SELECTIVE), LionModel.read(modelFile, modelFile.toString(), false).config(),
                "the saved model file is a LionModel by itself");
        assertSame(classifier, model.parent());
        LionModel trained = model.model();
        for (Row row : scored.collectAsList()) {
            List<Integer> ids = row.getList(row.fieldIndex("tokens"));
            float[] expected = TinyClassifiers.probabilities(trained,
                    TinyClassifiers.tokenInput(ids.stream().mapToInt(Integer::intValue).toArray()));
            assertArrayEquals(expected, asFloats(row.getAs("probability")), 1e-5f);
            assertEquals(expected[0] >= expected[1] ? 0.0 : 1.0, row.<Double>getAs("prediction"));
        }
    }

    @Test
    void theSoftmaxBaselineFitsTransformsAndRoundTrips() throws IOException {
        LionClassifier classifier = classifier("softmax").setModel(tiny(LionVariant.SOFTMAX));

        LionClassificationModel model = classifier.fit(tokens);
        String path = dir.resolve("saved-softmax").toString();
        model.write().save(path);
        LionClassificationModel loaded = LionClassificationModel.load(path);

        String[] columns = {"prediction", "probability"};
        Map<String, List<Object>> scored = byId(model.transform(tokens), columns);
        assertEquals(64, scored.size());
        assertEquals(scored, byId(loaded.transform(tokens), columns));
        assertEquals(LionVariant.SOFTMAX, loaded.model().config().variant());
    }

    @Test
    @Tag("slow")
    void theScheduleParamsSetTheLearningRateOfEverySplit() throws IOException {
        double peak = 0.02;
        double warmup = 0.5;
        double min = 0.002;
        int epochs = 2;
        LionClassifier classifier = classifier("schedule").setEpochs(epochs).setWarmupEpochs(warmup)
                .setLearningRate(peak).setLrSchedule("COSINE").setMinLearningRate(min).setBatchSize(4)
                .setAveragingFrequency(1);

        LionClassificationModel model = classifier.fit(tokens);
        String path = dir.resolve("saved-classifier").toString();
        classifier.write().save(path);
        LionClassifier loaded = LionClassifier.load(path);
        LionClassificationModel refitted = loaded.fit(tokens);

        List<Path> runs = runDirectories("schedule");
        assertEquals(1, runs.size(), "the loaded estimator continues the same run: " + runs);
        List<Row> splits = spark.session().read().json(runs.get(0).resolve("metrics.jsonl").toString())
                .where("type = 'split'").select("epoch", "split", "splits", "learning_rate").collectAsList();
        assertTrue(splits.size() >= 2 * epochs, splits.toString());
        for (Row split : splits) {
            double progress = split.getLong(0) + (split.getLong(1) + 0.5) / split.getLong(2);
            double expected = progress < warmup ? peak * progress / warmup
                    : min + (peak - min) * 0.5 * (1 + Math.cos(Math.PI * (progress - warmup) / (epochs - warmup)));
            assertEquals(expected, split.getDouble(3), 1e-12, split.toString());
        }
        String[] columns = {"prediction", "probability"};
        assertEquals(byId(model.transform(tokens), columns), byId(refitted.transform(tokens), columns));
    }

    @Test
    @Tag("slow")
    void trainValidationSplitOverTheWidthPicksTheCandidateWithTheBestIndependentlyComputedMetric() throws IOException {
        LionConfig narrow = tiny(LionVariant.SELECTIVE).toBuilder().width(4).build();
        LionConfig wide = tiny(LionVariant.SELECTIVE).toBuilder().width(16).build();
        LionClassifier classifier = classifier("sweep").setEpochs(2);
        ParamMap[] grid = new ParamGridBuilder()
                .addGrid(classifier.model(), JavaConverters.iterableAsScalaIterable(List.of(narrow, wide))).build();
        MulticlassClassificationEvaluator logLoss = new MulticlassClassificationEvaluator().setMetricName("logLoss");
        double trainRatio = 0.75;
        long seed = 11;

        TrainValidationSplitModel tuned = new TrainValidationSplit().setEstimator(classifier)
                .setEstimatorParamMaps(grid).setEvaluator(logLoss).setTrainRatio(trainRatio).setSeed(seed).fit(tokens);

        Dataset<Row>[] split = tokens.randomSplit(new double[] {trainRatio, 1 - trainRatio}, seed);
        double[] metrics = new double[grid.length];
        for (int i = 0; i < grid.length; i++) {
            LionClassificationModel candidate = classifier.copy(grid[i])
                    .setCheckpointDir(dir.resolve("sweep-alone").toString()).fit(split[0]);
            metrics[i] = logLoss.evaluate(candidate.transform(split[1]));
        }
        int best = metrics[0] <= metrics[1] ? 0 : 1;
        assertArrayEquals(metrics, tuned.validationMetrics(), 1e-6);
        assertNotEquals(metrics[0], metrics[1], 1e-6);
        LionClassificationModel chosen = (LionClassificationModel) tuned.bestModel();
        assertEquals(List.of(narrow, wide).get(best), chosen.model().config());
        assertEquals(List.of(narrow, wide).get(best).width(),
                chosen.model().network().getLayer(LionModels.OUTPUT).getParam("W").size(0));
        assertEquals(3, runDirectories("sweep").size(), "two candidates and the refit on all rows");
    }

    @Test
    void theEstimatorRoundTripsWithItsLionConfigAloneAndInAPipeline() throws IOException {
        LionClassifier classifier = classifier("never").setModel(tiny(LionVariant.SOFTMAX)).setEpochs(3)
                .setLrSchedule("CONSTANT").setWeightDecay(0.01).setSeed(7).setChunkSize(16);
        String alone = dir.resolve("saved-softmax-classifier").toString();
        String inPipeline = dir.resolve("saved-softmax-pipeline").toString();

        classifier.write().save(alone);
        new Pipeline().setStages(new PipelineStage[] {new SQLTransformer().setStatement(TOKENIZE), classifier})
                .write().save(inPipeline);
        LionClassifier loaded = LionClassifier.load(alone);
        LionClassifier staged = (LionClassifier) Pipeline.load(inPipeline).getStages()[1];

        for (LionClassifier back : List.of(loaded, staged)) {
            assertEquals(classifier.uid(), back.uid());
            assertEquals(tiny(LionVariant.SOFTMAX), back.getModel());
            assertEquals(paramValues(classifier), paramValues(back));
        }
    }

    /** Every param of {@code stage} (set or default) by name, as its JSON. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> paramValues(LionClassifier stage) {
        Map<String, String> values = new HashMap<>();
        for (org.apache.spark.ml.param.ParamPair<?> pair
                : scala.collection.JavaConverters.seqAsJavaList(stage.extractParamMap().toSeq())) {
            values.put(pair.param().name(),
                    ((org.apache.spark.ml.param.Param<Object>) pair.param()).jsonEncode(pair.value()));
        }
        return values;
    }

    /** The run directories of fits under checkpoint directory {@code run}. */
    private static List<Path> runDirectories(String run) throws IOException {
        try (java.util.stream.Stream<Path> runs = java.nio.file.Files.list(dir.resolve(run))) {
            return runs.filter(p -> p.getFileName().toString().startsWith("run-")).toList();
        }
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
        LionClassificationModel model = LionClassificationModel.of(TinyClassifiers.tokens(VOCABULARY, 2, 1))
                .setFeaturesCol("text");
        LionClassifier noCheckpointDir = new LionClassifier(tiny(LionVariant.SELECTIVE)).setFeaturesCol("tokens");
        int jobs = spark.jobsStarted();

        IllegalArgumentException wrongType = assertThrows(IllegalArgumentException.class, () -> model.transform(text));
        IllegalArgumentException clash = assertThrows(IllegalArgumentException.class,
                () -> model.setFeaturesCol("tokens").setPredictionCol("label").transform(tokens));
        IllegalArgumentException noDir = assertThrows(IllegalArgumentException.class,
                () -> noCheckpointDir.fit(tokens));
        IllegalArgumentException noLabel = assertThrows(IllegalArgumentException.class,
                () -> classifier("never").setLabelCol("missing").fit(tokens));
        IllegalArgumentException longWarmup = assertThrows(IllegalArgumentException.class,
                () -> classifier("never").setWarmupEpochs(1).fit(tokens));
        IllegalArgumentException risingDecay = assertThrows(IllegalArgumentException.class,
                () -> classifier("never").setLrSchedule("COSINE").setMinLearningRate(0.1).fit(tokens));
        IllegalArgumentException shiftedTokens = assertThrows(IllegalArgumentException.class,
                () -> classifier("never").setMaxShift(1).fit(tokens));
        IllegalArgumentException mlm = assertThrows(IllegalArgumentException.class, () -> new LionClassifier(
                tiny(LionVariant.SELECTIVE).toBuilder().task(Task.MLM).numClasses(0).build()));

        assertEquals(jobs, spark.jobsStarted(), "jobs started before the failures");
        assertEquals("column 'text' has type string but array<int> is expected", wrongType.getMessage());
        assertTrue(clash.getMessage().contains("clash with the input columns"), clash.getMessage());
        assertTrue(noDir.getMessage().startsWith("param checkpointDir of lionClassifier_"), noDir.getMessage());
        assertTrue(noLabel.getMessage().startsWith("label column 'missing' must exist"), noLabel.getMessage());
        assertTrue(longWarmup.getMessage().matches("param warmupEpochs \\(1.0\\) of lionClassifier_\\w+ must be shorter"
                + " than epochs \\(1\\)"), longWarmup.getMessage());
        assertTrue(risingDecay.getMessage().matches("param minLearningRate \\(0.1\\) of lionClassifier_\\w+ must not"
                + " exceed learningRate \\(0.01\\)"), risingDecay.getMessage());
        assertTrue(shiftedTokens.getMessage().matches("params maxShift \\(1\\) and horizontalFlip \\(false\\) of "
                + "lionClassifier_\\w+ change training images, but the model reads TokenInput.*"),
                shiftedTokens.getMessage());
        assertTrue(mlm.getMessage().endsWith("must be a classifier (task CLASSIFY), got task MLM"), mlm.getMessage());
    }

    @Test
    void paramsHaveDefaultsAndCopiesKeepTheirValues() {
        LionClassificationModel model = LionClassificationModel.of(TinyClassifiers.tokens(VOCABULARY, 2, 1));

        LionClassificationModel copy = model.copy(new ParamMap()
                .put(model.batchSize().w(5)));

        assertEquals("features", model.getFeaturesCol());
        assertEquals(32, model.getBatchSize());
        assertEquals(64, model.getChunkSize());
        assertEquals(ai.lion.core.attention.Form.ATTENTION, model.getForm());
        assertEquals(Integer.MAX_VALUE, model.getLongSequenceThreshold());
        assertEquals(5, copy.getBatchSize());
        assertEquals(model.uid(), copy.uid());
        assertEquals(0, model.getMaxLength(), "the model's sequence length");
        assertEquals(12, model.params().length, model.explainParams());
        assertThrows(IllegalArgumentException.class, () -> model.setForm("SIDEWAYS"));
        assertThrows(IllegalArgumentException.class, () -> model.setBatchSize(0));
        assertEquals(26, classifier("params").params().length);
    }

    @Test
    void theEstimatorsTrainingDefaultsAreTheTrainersDefaults() {
        LionClassifier classifier = new LionClassifier(tiny(LionVariant.SELECTIVE));

        assertEquals(TrainingDefaults.SEED, classifier.getSeed());
        assertEquals(TrainingDefaults.AVERAGING_FREQUENCY, classifier.getAveragingFrequency());
        assertEquals(TrainingDefaults.EPOCHS, classifier.getEpochs());
        assertEquals(TrainingDefaults.BATCH_SIZE_PER_WORKER, classifier.getBatchSize());
        assertEquals(LearningRateSchedule.of(TrainingDefaults.PEAK_LEARNING_RATE, TrainingDefaults.WARMUP_EPOCHS,
                        TrainingDefaults.DECAY, TrainingDefaults.MIN_LEARNING_RATE),
                LearningRateSchedule.of(classifier.getLearningRate(), classifier.getWarmupEpochs(),
                        classifier.getLrSchedule(), classifier.getMinLearningRate()));
        assertEquals(TrainingDefaults.WEIGHT_DECAY, classifier.getWeightDecay());
        assertEquals(ImageAugmentation.NONE, new ImageAugmentation(classifier.getMaxShift(), classifier.getHorizontalFlip()));
        assertEquals(LionOptions.DEFAULT_CHUNK_SIZE, classifier.getChunkSize());
    }
}
