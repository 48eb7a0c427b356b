package ai.lion.spark.data;

import static ai.lion.spark.data.LocalSpark.seq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/** Schema checks, per-row checks under FAIL, and exact skip counts under SKIP, on a real local[2] Spark. */
class RowValidationTest {

    private static final StructType TOKENS = DataFrameBatcherTest.TOKENS_SCHEMA;
    private static final StructType PATCHES = new StructType()
            .add("patches", DataTypes.createArrayType(DataTypes.FloatType))
            .add("label", DataTypes.IntegerType)
            .add("id", DataTypes.StringType);
    private static final StructType MLM = new StructType()
            .add("tokens", DataTypes.createArrayType(DataTypes.IntegerType))
            .add("id", DataTypes.StringType);

    private static final BatchSpec TOKEN_SPEC = SpecBuilder.of(InputKind.TOKENS)
            .vocabularySize(10).numClasses(3).maxLength(4).batchSize(2).build();
    private static final BatchSpec PATCH_SPEC = SpecBuilder.of(InputKind.PATCHES)
            .patchDim(2).numClasses(2).maxLength(3).batchSize(2).build();
    private static final BatchSpec MLM_SPEC = DataFrameBatcherTest.mlm(10, 9).build();

    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.start(RowValidationTest.class);
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    private static Dataset<Row> frame(StructType schema, Row... rows) {
        return LocalSpark.frame(spark, schema, List.of(rows));
    }

    private static DataSchemaException schemaError(BatchSpec spec, StructType schema) {
        return assertThrows(DataSchemaException.class, () -> new DataFrameBatcher(spec).batch(frame(schema), 0L));
    }

    @Test
    void missingColumnIsNamedWithItsExpectedTypeAndTheColumnsPresent() {
        StructType schema = new StructType().add("text", DataTypes.StringType).add("label", DataTypes.IntegerType);

        assertEquals("column 'tokens' is missing (expected array<int>); the DataFrame has columns [text, label]",
                schemaError(TOKEN_SPEC, schema).getMessage());
    }

    @Test
    void missingLabelIsAnErrorForClassificationButNotForMlm() {
        StructType tokensOnly = new StructType().add("tokens", DataTypes.createArrayType(DataTypes.IntegerType));

        assertEquals("column 'label' is missing (expected int); the DataFrame has columns [tokens]",
                schemaError(TOKEN_SPEC, tokensOnly).getMessage());
        assertEquals(0, new DataFrameBatcher(MLM_SPEC).batch(frame(tokensOnly), 0L).rdd().count());
    }

    @Test
    void wrongTypesAreNamedWithExpectedAndActualType() {
        StructType longTokens = new StructType()
                .add("tokens", DataTypes.createArrayType(DataTypes.LongType)).add("label", DataTypes.IntegerType);
        StructType doublePatches = new StructType()
                .add("patches", DataTypes.createArrayType(DataTypes.DoubleType)).add("label", DataTypes.IntegerType);
        StructType stringLabel = new StructType()
                .add("tokens", DataTypes.createArrayType(DataTypes.IntegerType)).add("label", DataTypes.StringType);
        StructType doubleId = new StructType().add("tokens", DataTypes.createArrayType(DataTypes.IntegerType))
                .add("label", DataTypes.IntegerType).add("id", DataTypes.DoubleType);
        StructType intSource = new StructType().add("tokens", DataTypes.createArrayType(DataTypes.IntegerType))
                .add("label", DataTypes.IntegerType).add(ParquetSource.SOURCE_FILE_COLUMN, DataTypes.IntegerType);

        assertEquals("column 'tokens' has type array<bigint> but array<int> is expected",
                schemaError(TOKEN_SPEC, longTokens).getMessage());
        assertEquals("column 'patches' has type array<double> but array<float> is expected",
                schemaError(PATCH_SPEC, doublePatches).getMessage());
        assertEquals("column 'label' has type string but int is expected",
                schemaError(TOKEN_SPEC, stringLabel).getMessage());
        assertEquals("column 'id' has type double but string, int or bigint is expected",
                schemaError(TOKEN_SPEC, doubleId).getMessage());
        assertEquals("column '_source_file' has type int but string is expected",
                schemaError(TOKEN_SPEC, intSource).getMessage());
    }

    static Stream<Arguments> badRows() {
        return Stream.of(
                bad(TOKEN_SPEC, TOKENS, RowFactory.create(null, 0, "bad"),
                        RowProblem.NULL_SEQUENCE, "tokens", "null"),
                bad(TOKEN_SPEC, TOKENS, RowFactory.create(seq(), 0, "bad"),
                        RowProblem.EMPTY_SEQUENCE, "tokens", "length 0"),
                bad(TOKEN_SPEC, TOKENS, RowFactory.create(seq(1, null, 2), 0, "bad"),
                        RowProblem.NULL_ELEMENT, "tokens", "null at position 1"),
                bad(TOKEN_SPEC, TOKENS, RowFactory.create(seq(1, 2, 3, 4, 5), 0, "bad"),
                        RowProblem.SEQUENCE_TOO_LONG, "tokens", "5 steps > maxLength 4"),
                bad(TOKEN_SPEC, TOKENS, RowFactory.create(seq(1, 10), 0, "bad"),
                        RowProblem.TOKEN_OUT_OF_RANGE, "tokens", "id 10 at position 1 is not in [0, 10)"),
                bad(TOKEN_SPEC, TOKENS, RowFactory.create(seq(-3), 0, "bad"),
                        RowProblem.TOKEN_OUT_OF_RANGE, "tokens", "id -3 at position 0 is not in [0, 10)"),
                bad(TOKEN_SPEC, TOKENS, RowFactory.create(seq(1), null, "bad"),
                        RowProblem.NULL_LABEL, "label", "null"),
                bad(TOKEN_SPEC, TOKENS, RowFactory.create(seq(1), 3, "bad"),
                        RowProblem.LABEL_OUT_OF_RANGE, "label", "label 3 is not in [0, 3)"),
                bad(TOKEN_SPEC, TOKENS, RowFactory.create(seq(1), -1, "bad"),
                        RowProblem.LABEL_OUT_OF_RANGE, "label", "label -1 is not in [0, 3)"),
                bad(PATCH_SPEC, PATCHES, RowFactory.create(seq(1f, 2f, 3f, Float.NaN), 0, "bad"),
                        RowProblem.NON_FINITE_VALUE, "patches", "NaN at position 3 (patch 1, component 1)"),
                bad(PATCH_SPEC, PATCHES, RowFactory.create(seq(Float.NEGATIVE_INFINITY, 0f), 0, "bad"),
                        RowProblem.NON_FINITE_VALUE, "patches", "-Infinity at position 0 (patch 0, component 0)"),
                bad(PATCH_SPEC, PATCHES, RowFactory.create(seq(1f, 2f, 3f), 0, "bad"),
                        RowProblem.PATCH_LENGTH_MISMATCH, "patches", "length 3 is not a multiple of patchDim 2"),
                bad(PATCH_SPEC, PATCHES, RowFactory.create(seq(1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f), 0, "bad"),
                        RowProblem.SEQUENCE_TOO_LONG, "patches", "4 steps > maxLength 3"),
                bad(PATCH_SPEC, PATCHES, RowFactory.create(seq(1f, null), 0, "bad"),
                        RowProblem.NULL_ELEMENT, "patches", "null at position 1"),
                bad(PATCH_SPEC, PATCHES, RowFactory.create(seq(1f, 2f), 2, "bad"),
                        RowProblem.LABEL_OUT_OF_RANGE, "label", "label 2 is not in [0, 2)"),
                bad(MLM_SPEC, MLM, RowFactory.create(seq(12), "bad"),
                        RowProblem.TOKEN_OUT_OF_RANGE, "tokens", "id 12 at position 0 is not in [0, 10)"),
                bad(MLM_SPEC, MLM, RowFactory.create(null, "bad"),
                        RowProblem.NULL_SEQUENCE, "tokens", "null"));
    }

    private static Arguments bad(BatchSpec spec, StructType schema, Row row, RowProblem problem, String column,
            String detail) {
        return Arguments.of(spec.kind() + " " + problem + " (" + detail + ")", spec, schema, row, problem, column,
                detail);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRows")
    void badRowFailsTheJobNamingSourceRowColumnAndReason(String name, BatchSpec spec, StructType schema, Row bad,
            RowProblem problem, String column, String detail) {
        Dataset<Row> rows = frame(schema, goodRow(spec), bad);

        BadRowException e = LocalSpark.badRow(() -> new DataFrameBatcher(spec).batch(rows, 0L).rdd().count());

        assertEquals(ParquetSource.NO_SOURCE_FILE, e.source());
        assertEquals("id 'bad'", e.row());
        assertEquals(column, e.column());
        assertEquals(problem, e.problem());
        assertEquals(detail, e.detail());
        assertEquals("bad row in <dataframe>, id 'bad', column '" + column + "': " + problem.description()
                + " (" + detail + ")", e.getMessage());
    }

    private static Row goodRow(BatchSpec spec) {
        return switch (spec.kind()) {
            case TOKENS -> RowFactory.create(seq(1, 2), 0, "good");
            case PATCHES -> RowFactory.create(seq(1f, 2f), 1, "good");
            case MLM -> RowFactory.create(seq(1, 2), "good");
        };
    }

    @Test
    void rowWithoutIdIsNamedByItsIndexInThePartition() {
        StructType noId = new StructType().add("tokens", DataTypes.createArrayType(DataTypes.IntegerType))
                .add("label", DataTypes.IntegerType);
        Dataset<Row> rows = frame(noId, RowFactory.create(seq(1), 0), RowFactory.create(seq(2), 1),
                RowFactory.create(seq(3), 0), RowFactory.create(seq(11), 0));

        BadRowException e = LocalSpark.badRow(() -> new DataFrameBatcher(TOKEN_SPEC).batch(rows, 0L).rdd().count());

        assertEquals("row 3 of partition 0", e.row());
    }

    @Test
    void numericAndNullIdsAreReported() {
        StructType longId = new StructType().add("tokens", DataTypes.createArrayType(DataTypes.IntegerType))
                .add("label", DataTypes.IntegerType).add("id", DataTypes.LongType);
        Dataset<Row> numeric = frame(longId, RowFactory.create(seq(1), 7, 42L));
        Dataset<Row> nullId = frame(TOKENS, RowFactory.create(seq(1), 0, "a"), RowFactory.create(seq(1), 7, null));
        DataFrameBatcher batcher = new DataFrameBatcher(TOKEN_SPEC);

        assertEquals("id 42", LocalSpark.badRow(() -> batcher.batch(numeric, 0L).rdd().count()).row());
        assertEquals("row 1 of partition 0", LocalSpark.badRow(() -> batcher.batch(nullId, 0L).rdd().count()).row());
    }

    @Test
    void parquetRowsKeepTheirSourceFileThroughTheShuffle(@TempDir Path dir) {
        String path = dir.resolve("bad.parquet").toString();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            rows.add(RowFactory.create(seq(i % 10), i == 13 ? 5 : 1, "row-" + i));
        }
        spark.createDataFrame(rows, TOKENS).coalesce(1).write().parquet(path);
        Dataset<Row> parquet = ParquetSource.read(spark, path);

        BadRowException e = LocalSpark.badRow(() ->
                new DataFrameBatcher(TOKEN_SPEC).shardAndBatch(parquet, new ShardPlan(2, 2, 3L)).rdd().count());

        assertTrue(e.source().startsWith("file:") && e.source().contains("bad.parquet/part-")
                && e.source().endsWith(".parquet"), e.source());
        assertEquals("id 'row-13'", e.row());
        assertEquals(RowProblem.LABEL_OUT_OF_RANGE, e.problem());
        assertTrue(e.getMessage().startsWith("bad row in " + e.source() + ", id 'row-13', column 'label': "),
                e.getMessage());
    }

    @Test
    void skippedTokenRowsAreCountedPerProblemAndLeftOut() {
        Dataset<Row> rows = frame(TOKENS,
                RowFactory.create(seq(1, 2), 0, "good-1"),
                RowFactory.create(seq(1, 10), 0, "range-1"),
                RowFactory.create(null, 0, "null-1"),
                RowFactory.create(seq(3), 2, "good-2"),
                RowFactory.create(seq(), 1, "empty-1"),
                RowFactory.create(seq(11), 1, "range-2"),
                RowFactory.create(seq(4), 3, "label-1"),
                RowFactory.create(seq(5), null, "nolabel-1"),
                RowFactory.create(seq(1, 2, 3, 4, 5), 1, "long-1"),
                RowFactory.create(seq(5), 9, "label-2"),
                RowFactory.create(seq(6, null), 1, "nullelement-1"),
                RowFactory.create(seq(7, 8, 9), 1, "good-3"));
        BatchSpec spec = TOKEN_SPEC.withData(TOKEN_SPEC.data().toBuilder().badRowPolicy(BadRowPolicy.SKIP).build());

        Minibatches batches = new DataFrameBatcher(spec).batch(rows, 0L);
        List<MultiDataSet> collected = LocalSpark.collect(batches);

        assertEquals(Map.of(
                RowProblem.TOKEN_OUT_OF_RANGE, 2L,
                RowProblem.NULL_SEQUENCE, 1L,
                RowProblem.EMPTY_SEQUENCE, 1L,
                RowProblem.LABEL_OUT_OF_RANGE, 2L,
                RowProblem.NULL_LABEL, 1L,
                RowProblem.SEQUENCE_TOO_LONG, 1L,
                RowProblem.NULL_ELEMENT, 1L), batches.rowCounts().skippedByProblem());
        assertEquals(9, batches.rowCounts().skippedTotal());
        assertEquals(12, batches.rowCounts().read());
        assertEquals(2, batches.rowCounts().skipped(RowProblem.TOKEN_OUT_OF_RANGE));
        assertEquals(0, batches.rowCounts().skipped(RowProblem.NON_FINITE_VALUE));
        assertEquals(List.of(List.of(1f, 2f), List.of(3f, 0f), List.of(7f, 8f, 9f)), tokenRows(collected));
    }

    @Test
    void skippedPatchRowsAreCountedPerProblem() {
        Dataset<Row> rows = frame(PATCHES,
                RowFactory.create(seq(1f, Float.NaN), 0, "nan"),
                RowFactory.create(seq(1f, 2f, Float.POSITIVE_INFINITY, 0f), 0, "inf"),
                RowFactory.create(seq(1f, 2f, 3f), 0, "odd"),
                RowFactory.create(seq(1f, 2f), 1, "good"));
        BatchSpec spec = PATCH_SPEC.withData(PATCH_SPEC.data().toBuilder().badRowPolicy(BadRowPolicy.SKIP).build());

        Minibatches batches = new DataFrameBatcher(spec).batch(rows, 0L);

        assertEquals(1, LocalSpark.collect(batches).get(0).getFeatures(0).size(0));
        assertEquals(Map.of(RowProblem.NON_FINITE_VALUE, 2L, RowProblem.PATCH_LENGTH_MISMATCH, 1L),
                batches.rowCounts().skippedByProblem());
    }

    @Test
    void aPartitionOfOnlyBadRowsYieldsNoMinibatch() {
        Dataset<Row> rows = frame(TOKENS, RowFactory.create(seq(10), 0, "a"), RowFactory.create(seq(11), 0, "b"));
        BatchSpec spec = TOKEN_SPEC.withData(TOKEN_SPEC.data().toBuilder().badRowPolicy(BadRowPolicy.SKIP).build());

        Minibatches batches = new DataFrameBatcher(spec).batch(rows, 0L);

        assertEquals(0, batches.rdd().count());
        assertEquals(2, batches.rowCounts().skipped(RowProblem.TOKEN_OUT_OF_RANGE));
    }

    /** Each row's token features, padded to its batch's length, in order. */
    private static List<List<Float>> tokenRows(List<MultiDataSet> batches) {
        List<List<Float>> rows = new ArrayList<>();
        for (MultiDataSet batch : batches) {
            float[][] features = batch.getFeatures(0).reshape(batch.getFeatures(0).size(0), -1).toFloatMatrix();
            for (float[] row : features) {
                List<Float> values = new ArrayList<>();
                for (float v : row) {
                    values.add(v);
                }
                rows.add(values);
            }
        }
        return rows;
    }
}
