package ai.lion.spark.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lion.core.models.AdamW;
import ai.lion.core.models.LionConfig;
import ai.lion.core.models.LionModel;
import ai.lion.core.models.Provenance;
import ai.lion.core.models.Task;
import ai.lion.spark.checkpoint.Checkpoint;
import ai.lion.spark.checkpoint.CheckpointStore;
import ai.lion.spark.checkpoint.TrainingCursor;
import ai.lion.spark.data.BadRowException;
import ai.lion.spark.data.BadRowPolicy;
import ai.lion.spark.data.DataSchemaException;
import ai.lion.spark.data.DataSettings;
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
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input: a missing or unusable model, data settings that do not fit the model, or a wrong schema fail
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

    private static DataSettings.Builder rows() {
        return DataSettings.builder().batchSize(2);
    }

    private static ScoringOptions options(DataSettings.Builder rows) {
        return ScoringOptions.builder(rows.build()).build();
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
                () -> BatchScorer.forModel(spark.session(), missing, options(rows())));

        assertEquals("model path file:" + missing + " does not exist", e.getMessage());
    }

    @Test
    void aDirectoryOrFileWithoutAModelFailsOnTheDriver() throws IOException, TimeoutException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path text = Files.writeString(dir.resolve("notes.txt"), "not a model");

        IllegalArgumentException noCheckpoint = failsBeforeAnyJob(IllegalArgumentException.class,
                () -> BatchScorer.forModel(spark.session(), empty.toString(), options(rows())));
        IllegalArgumentException notAZip = failsBeforeAnyJob(IllegalArgumentException.class,
                () -> BatchScorer.forModel(spark.session(), text.toString(), options(rows())));

        assertEquals("model path file:" + empty + " is a directory but neither a checkpoint store with a valid"
                + " checkpoint nor a checkpoint directory", noCheckpoint.getMessage());
        assertTrue(notAZip.getMessage().startsWith("model path file:" + text + " has no lion-config.json entry"),
                notAZip.getMessage());
    }

    @Test
    void aPlainDl4jZipFailsOnTheDriverNamingTheFile() throws IOException, TimeoutException {
        Path plain = dir.resolve("plain-dl4j.zip");
        ModelSerializer.writeModel(TinyClassifiers.tokens(20, 3, 1).network(), plain.toFile(), false);

        IllegalArgumentException e = failsBeforeAnyJob(IllegalArgumentException.class,
                () -> BatchScorer.forModel(spark.session(), plain.toString(), options(rows())));

        assertTrue(e.getMessage().startsWith("model path file:" + plain + " has no lion-config.json entry, so it was"
                + " not written by this project's LionModel"), e.getMessage());
    }

    @Test
    void dataSettingsThatDoNotFitTheModelFailOnTheDriverNamingTheModel() throws TimeoutException {
        IncompatibleModelException padId = failsBeforeAnyJob(IncompatibleModelException.class,
                () -> BatchScorer.forModel(spark.session(), tokenModel.toString(), options(rows().padId(20))));
        IncompatibleModelException length = failsBeforeAnyJob(IncompatibleModelException.class,
                () -> BatchScorer.forModel(spark.session(), patchModel.toString(), options(rows().maxLength(101))));

        assertEquals("file:" + tokenModel, padId.model());
        assertEquals(List.of("padId must lie in [0, vocabularySize=20), got 20"), padId.mismatches());
        assertTrue(padId.getMessage().startsWith("model file:" + tokenModel + " cannot score these rows: "),
                padId.getMessage());
        assertEquals(List.of("maxLength 101 exceeds the model's sequence length 100; only a token model without"
                + " positional embeddings reads longer sequences"), length.mismatches());
    }

    @Test
    void rowsOfAnotherInputKindFailOnTheDriver() throws IOException, TimeoutException {
        BatchScorer scorer = BatchScorer.forModel(spark.session(), patchModel.toString(), options(rows()));

        DataSchemaException e = failsBeforeAnyJob(DataSchemaException.class,
                () -> scorer.score(tokenRows(RowFactory.create("a", List.of(1, 2)))));

        assertTrue(e.getMessage().contains("'patches'"), e.getMessage());
    }

    @Test
    void aMaskedLanguageModelFailsOnTheDriverNamingTheCheckpoint() throws IOException, TimeoutException {
        Path root = dir.resolve("checkpoints");
        LionConfig mlm = LionConfig.builder().width(8).depth(1).heads(2).mlpRatio(1).tokens(20, 16).task(Task.MLM)
                .build();
        String location = CheckpointStore.open(root.toString(), new Configuration())
                .write(Checkpoint.builder(LionModel.build(mlm, AdamW.defaults(), Provenance.unknown()),
                        TrainingCursor.START).build())
                .location().toString();

        IncompatibleModelException e = failsBeforeAnyJob(IncompatibleModelException.class,
                () -> BatchScorer.forModel(spark.session(), root.toString(), options(rows())));

        assertEquals("checkpoint " + location, e.model());
        assertEquals(List.of("it is a masked-language model (task MLM); scoring runs classifiers"), e.mismatches());
    }

    @Test
    void aWrongColumnTypeOrAnOutputColumnClashFailsOnTheDriver() throws IOException, TimeoutException {
        StructType bigints = new StructType().add("id", DataTypes.StringType)
                .add("tokens", DataTypes.createArrayType(DataTypes.LongType));
        Dataset<Row> wrongType = spark.session().createDataFrame(List.of(RowFactory.create("a", List.of(1L))), bigints);
        Dataset<Row> clash = tokenRows(RowFactory.create("a", List.of(1))).withColumnRenamed("id", "prediction");
        BatchScorer scorer = BatchScorer.forModel(spark.session(), tokenModel.toString(), options(rows()));

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
        BatchScorer scorer = BatchScorer.forModel(spark.session(), tokenModel.toString(), options(rows()));

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
        BatchScorer scorer = BatchScorer.forModel(spark.session(), patchModel.toString(), options(rows()));
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
                options(rows().badRowPolicy(BadRowPolicy.SKIP)));
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
