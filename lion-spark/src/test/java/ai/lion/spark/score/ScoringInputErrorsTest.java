package ai.lion.spark.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lion.spark.checkpoint.Checkpoint;
import ai.lion.spark.checkpoint.CheckpointStore;
import ai.lion.spark.checkpoint.TrainingCursor;
import ai.lion.spark.data.BadRowException;
import ai.lion.spark.data.BadRowPolicy;
import ai.lion.spark.data.BatchSpec;
import ai.lion.spark.data.DataSchemaException;
import ai.lion.spark.data.InputKind;
import ai.lion.spark.data.RowProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Bad input: a missing or unusable model, a model that does not fit the data, or a wrong schema fail
 * on the driver before any Spark job; bad rows fail the job naming their id and reason, or are
 * skipped and counted.
 */
class ScoringInputErrorsTest {

    private static final StructType PATCHES = new StructType()
            .add("id", DataTypes.StringType)
            .add("patches", DataTypes.createArrayType(DataTypes.FloatType));

    @TempDir
    static Path dir;
    private static ScoringSpark spark;
    private static Path tokenModel;
    private static Path patchModel;

    @BeforeAll
    static void setUp() throws IOException {
        spark = ScoringSpark.start(ScoringInputErrorsTest.class);
        tokenModel = TinyClassifiers.save(TinyClassifiers.tokens(20, 3, 1), dir.resolve("tokens.zip"));
        patchModel = TinyClassifiers.save(TinyClassifiers.patches(3, 2, 1), dir.resolve("patches.zip"));
    }

    @AfterAll
    static void tearDown() {
        spark.stop();
    }

    private static ScoringOptions tokenOptions(BatchSpec.Builder spec) {
        return ScoringOptions.builder(spec.build()).build();
    }

    private static BatchSpec.Builder tokens(int vocabulary, int classes) {
        return BatchSpec.builder(InputKind.TOKENS).vocabularySize(vocabulary).numClasses(classes).maxLength(50)
                .batchSize(2);
    }

    private static BatchSpec.Builder patches(int patchDim) {
        return BatchSpec.builder(InputKind.PATCHES).patchDim(patchDim).numClasses(2).maxLength(50).batchSize(2);
    }

    /** Runs {@code setup}, expecting {@code type}, and checks that no Spark job started meanwhile. */
    private static <T extends Throwable> T failsBeforeAnyJob(Class<T> type, Executable setup) throws TimeoutException {
        int jobs = spark.jobsStarted();
        T thrown = assertThrows(type, setup);
        assertEquals(jobs, spark.jobsStarted(), "Spark jobs started before the failure");
        return thrown;
    }

    private static Dataset<Row> tokenRows(Row... rows) {
        return spark.session().createDataFrame(List.of(rows), BatchScorerTest.TOKENS).repartition(2);
    }

    private static BadRowException badRow(Executable job) {
        Throwable thrown = assertThrows(Exception.class, job);
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof BadRowException bad) {
                return bad;
            }
        }
        throw new AssertionError("the job failed, but not with a BadRowException", thrown);
    }

    @Test
    void aMissingModelPathFailsOnTheDriverNamingThePath() throws TimeoutException {
        String missing = dir.resolve("no-such-model.zip").toString();

        IllegalArgumentException e = failsBeforeAnyJob(IllegalArgumentException.class,
                () -> BatchScorer.forModel(spark.session(), missing, tokenOptions(tokens(20, 3))));

        assertEquals("model path file:" + missing + " does not exist", e.getMessage());
    }

    @Test
    void aDirectoryOrFileWithoutAModelFailsOnTheDriver() throws IOException, TimeoutException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path text = Files.writeString(dir.resolve("notes.txt"), "not a model");

        IllegalArgumentException noCheckpoint = failsBeforeAnyJob(IllegalArgumentException.class,
                () -> BatchScorer.forModel(spark.session(), empty.toString(), tokenOptions(tokens(20, 3))));
        IllegalArgumentException notAZip = failsBeforeAnyJob(IllegalArgumentException.class,
                () -> BatchScorer.forModel(spark.session(), text.toString(), tokenOptions(tokens(20, 3))));

        assertEquals("model path file:" + empty + " is a directory but neither a checkpoint store with a valid"
                + " checkpoint nor a checkpoint directory", noCheckpoint.getMessage());
        assertEquals("model path file:" + text + " is not a DL4J model zip: it has no configuration.json entry",
                notAZip.getMessage());
    }

    @Test
    void aModelWhoseVocabularyOrClassesDifferFromTheSpecFailsOnTheDriverListingEveryMismatch()
            throws TimeoutException {
        IncompatibleModelException e = failsBeforeAnyJob(IncompatibleModelException.class,
                () -> BatchScorer.forModel(spark.session(), tokenModel.toString(), tokenOptions(tokens(30, 4))));

        assertEquals("file:" + tokenModel, e.model());
        assertEquals(List.of("the model's vocabulary has 20 tokens but the data spec has vocabularySize 30",
                "the model predicts 3 classes but the data spec has numClasses 4"), e.mismatches());
        assertTrue(e.getMessage().startsWith("model file:" + tokenModel + " cannot score these rows: "), e.getMessage());
    }

    @Test
    void aModelOfAnotherInputKindOrFeatureWidthFailsOnTheDriver() throws TimeoutException {
        IncompatibleModelException kind = failsBeforeAnyJob(IncompatibleModelException.class,
                () -> BatchScorer.forModel(spark.session(), patchModel.toString(), tokenOptions(tokens(20, 2))));
        IncompatibleModelException width = failsBeforeAnyJob(IncompatibleModelException.class,
                () -> BatchScorer.forModel(spark.session(), patchModel.toString(),
                        ScoringOptions.builder(patches(4).build()).build()));

        assertEquals(List.of("the model reads PATCHES but the data spec has kind TOKENS"), kind.mismatches());
        assertEquals(List.of("the model's first layer does not take patches of patchDim 4: its nIn is 3"),
                width.mismatches());
    }

    @Test
    void anIncompatibleCheckpointFailsOnTheDriverNamingTheCheckpoint() throws IOException, TimeoutException {
        Path root = dir.resolve("checkpoints");
        String location = CheckpointStore.open(root.toString(), new Configuration())
                .write(Checkpoint.builder(TinyClassifiers.tokens(20, 3, 2), TrainingCursor.START).build())
                .location().toString();

        IncompatibleModelException e = failsBeforeAnyJob(IncompatibleModelException.class,
                () -> BatchScorer.forModel(spark.session(), root.toString(), tokenOptions(tokens(25, 3))));

        assertEquals("checkpoint " + location, e.model());
    }

    @Test
    void aGraphThatIsNotASoftmaxClassifierIsRejected() throws IOException, TimeoutException {
        ComputationGraph regression = new ComputationGraph(new NeuralNetConfiguration.Builder().graphBuilder()
                .addInputs("input")
                .addLayer("hidden", new DenseLayer.Builder().nIn(3).nOut(4).build(), "input")
                .addLayer("output", new OutputLayer.Builder(LossFunction.MSE).nIn(4).nOut(1)
                        .activation(Activation.IDENTITY).build(), "hidden")
                .setOutputs("output").build());
        regression.init();
        Path zip = TinyClassifiers.save(regression, dir.resolve("regression.zip"));

        IncompatibleModelException e = failsBeforeAnyJob(IncompatibleModelException.class,
                () -> BatchScorer.forModel(spark.session(), zip.toString(), ScoringOptions.builder(patches(3).build())
                        .build()));

        assertEquals(List.of("output vertex 'output' is not an output layer with a softmax activation, so the graph"
                + " does not produce class probabilities"), e.mismatches());
    }

    @Test
    void aWrongColumnTypeOrAnOutputColumnClashFailsOnTheDriver() throws IOException, TimeoutException {
        StructType bigints = new StructType().add("id", DataTypes.StringType)
                .add("tokens", DataTypes.createArrayType(DataTypes.LongType));
        Dataset<Row> wrongType = spark.session().createDataFrame(List.of(RowFactory.create("a", List.of(1L))), bigints);
        Dataset<Row> clash = tokenRows(RowFactory.create("a", List.of(1))).withColumnRenamed("id", "prediction");
        BatchScorer scorer = BatchScorer.forModel(spark.session(), tokenModel.toString(), tokenOptions(tokens(20, 3)));

        DataSchemaException type = failsBeforeAnyJob(DataSchemaException.class, () -> scorer.score(wrongType));
        IllegalArgumentException name = failsBeforeAnyJob(IllegalArgumentException.class, () -> scorer.score(clash));
        IllegalArgumentException noId = failsBeforeAnyJob(IllegalArgumentException.class,
                () -> scorer.writeParquet(clash, dir.resolve("never").toString()));

        assertEquals("column 'tokens' has type array<bigint> but array<int> is expected", type.getMessage());
        assertEquals("output column 'prediction' already exists in the scored rows [prediction, tokens]; choose"
                + " another name", name.getMessage());
        assertTrue(noId.getMessage().startsWith("column 'id' is missing"), noId.getMessage());
    }

    @Test
    void aBadRowFailsTheJobNamingItsIdAndReason() throws IOException {
        BatchScorer scorer = BatchScorer.forModel(spark.session(), tokenModel.toString(), tokenOptions(tokens(20, 3)));

        BadRowException outOfVocabulary = badRow(() -> scorer.score(tokenRows(
                RowFactory.create("good", List.of(1, 2)), RowFactory.create("doc-7", List.of(3, 20))))
                .rows().collectAsList());
        BadRowException empty = badRow(() -> scorer.score(tokenRows(RowFactory.create("doc-8", List.of())))
                .rows().collectAsList());

        assertEquals("id 'doc-7'", outOfVocabulary.row());
        assertEquals(RowProblem.TOKEN_OUT_OF_RANGE, outOfVocabulary.problem());
        assertEquals("id 20 at position 1 is not in [0, 20)", outOfVocabulary.detail());
        assertEquals("id 'doc-8'", empty.row());
        assertEquals(RowProblem.EMPTY_SEQUENCE, empty.problem());
    }

    @Test
    void aNaNPatchValueFailsTheJobNamingTheRow() throws IOException {
        BatchScorer scorer = BatchScorer.forModel(spark.session(), patchModel.toString(),
                ScoringOptions.builder(patches(3).build()).build());
        Dataset<Row> rows = spark.session().createDataFrame(List.of(
                RowFactory.create("img-1", Arrays.asList(1f, 2f, 3f)),
                RowFactory.create("img-2", Arrays.asList(1f, 2f, 3f, 4f, Float.NaN, 6f))), PATCHES);

        BadRowException bad = badRow(() -> scorer.score(rows).rows().collectAsList());

        assertEquals("id 'img-2'", bad.row());
        assertEquals("patches", bad.column());
        assertEquals(RowProblem.NON_FINITE_VALUE, bad.problem());
    }

    @Test
    void badRowsAreSkippedAndCountedUnderSkip() throws IOException {
        BatchScorer scorer = BatchScorer.forModel(spark.session(), tokenModel.toString(),
                tokenOptions(tokens(20, 3).badRowPolicy(BadRowPolicy.SKIP)));
        Dataset<Row> rows = tokenRows(
                RowFactory.create("a", List.of(1, 2)),
                RowFactory.create("oov", List.of(99)),
                RowFactory.create("empty", List.of()),
                RowFactory.create("null", null),
                RowFactory.create("b", List.of(4)),
                RowFactory.create("negative", List.of(2, -1)));

        ScoredRows scored = scorer.score(rows);
        List<String> ids = scored.rows().collectAsList().stream().map(row -> row.getString(0)).sorted().toList();

        assertEquals(List.of("a", "b"), ids);
        assertEquals(6, scored.rowCounts().read());
        assertEquals(2, scored.progress().rowsScored());
        assertEquals(Map.of(RowProblem.TOKEN_OUT_OF_RANGE, 2L, RowProblem.EMPTY_SEQUENCE, 1L,
                RowProblem.NULL_SEQUENCE, 1L), scored.rowCounts().skippedByProblem());
    }
}
