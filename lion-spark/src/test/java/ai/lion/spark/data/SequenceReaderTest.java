package ai.lion.spark.data;

import static ai.lion.spark.data.LocalSpark.seq;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/** Reading unlabelled rows in place for inference: layout, padding, and both bad-row policies. */
class SequenceReaderTest {

    /** Columns in an order the training projection would not use, and no label. */
    private static final StructType TOKENS = new StructType()
            .add("id", DataTypes.LongType)
            .add("note", DataTypes.StringType)
            .add("tokens", DataTypes.createArrayType(DataTypes.IntegerType));
    private static final StructType PATCHES = new StructType()
            .add("patches", DataTypes.createArrayType(DataTypes.FloatType))
            .add("id", DataTypes.StringType);

    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.start(SequenceReaderTest.class);
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    private static SpecBuilder tokens() {
        return SpecBuilder.of(InputKind.TOKENS).vocabularySize(10).numClasses(3).maxLength(4).batchSize(2);
    }

    /** The row as Spark hands it to a task (array columns as Scala sequences). */
    private static Row row(StructType schema, Object... values) {
        return spark.createDataFrame(List.of(RowFactory.create(values)), schema).collectAsList().get(0);
    }

    private static RowCounts counts() {
        return RowCounts.register(spark.sparkContext());
    }

    @Test
    void unlabelledTokenRowsAreReadInPlaceAndPaddedLikeTrainingBatches() {
        BatchSpec spec = tokens().padId(9).build();
        SequenceReader reader = SequenceReader.forSchema(TOKENS, spec);
        SequenceReader.PartitionReader partition = reader.partition(0, counts());

        Sequence first = partition.read(row(TOKENS, 7L, "x", seq(5, 6, 7))).orElseThrow();
        Sequence second = partition.read(row(TOKENS, 8L, "y", seq(8))).orElseThrow();
        MultiDataSet batch = reader.batch(List.of(first, second));

        assertEquals(3, first.steps());
        assertEquals(1, second.steps());
        assertArrayEquals(new float[] {5, 6, 7, 8, 9, 9}, batch.getFeatures(0).data().asFloat());
        assertArrayEquals(new long[] {2, 1, 3}, batch.getFeatures(0).shape());
        assertArrayEquals(new float[] {1, 1, 1, 1, 0, 0}, batch.getFeaturesMaskArray(0).data().asFloat());
        assertNull(batch.getLabels());
    }

    @Test
    void patchesAreChannelMajorAndTruncatedWhenTheSpecTruncates() {
        BatchSpec spec = SpecBuilder.of(InputKind.PATCHES).patchDim(2).numClasses(2).maxLength(2)
                .truncate(true).batchSize(4).build();
        SequenceReader reader = SequenceReader.forSchema(PATCHES, spec);

        Sequence sequence = reader.partition(0, counts())
                .read(row(PATCHES, seq(1f, 2f, 3f, 4f, 5f, 6f), "p")).orElseThrow();
        MultiDataSet batch = reader.batch(List.of(sequence));

        assertEquals(2, sequence.steps());
        assertArrayEquals(new long[] {1, 2, 2}, batch.getFeatures(0).shape());
        assertArrayEquals(new float[] {1, 3, 2, 4}, batch.getFeatures(0).data().asFloat());
    }

    @Test
    void aBadRowFailsWithItsIdColumnAndReasonUnderFail() {
        SequenceReader reader = SequenceReader.forSchema(TOKENS, tokens().build());

        BadRowException bad = assertThrows(BadRowException.class,
                () -> reader.partition(3, counts()).read(row(TOKENS, 42L, "x", seq(1, 10))));

        assertEquals("id 42", bad.row());
        assertEquals("tokens", bad.column());
        assertEquals(RowProblem.TOKEN_OUT_OF_RANGE, bad.problem());
        assertEquals(ParquetSource.NO_SOURCE_FILE, bad.source());
        assertTrue(bad.getMessage().contains("id 10 at position 1 is not in [0, 10)"), bad.getMessage());
    }

    @Test
    void rowsWithoutAnIdAreNamedByTheirIndexInThePartition() {
        StructType noId = new StructType().add("tokens", DataTypes.createArrayType(DataTypes.IntegerType));
        SequenceReader.PartitionReader partition = SequenceReader.forSchema(noId, tokens().build()).partition(5, counts());
        partition.read(row(noId, seq(1)));

        BadRowException bad = assertThrows(BadRowException.class, () -> partition.read(row(noId, seq())));

        assertEquals("row 1 of partition 5", bad.row());
        assertEquals(RowProblem.EMPTY_SEQUENCE, bad.problem());
    }

    @Test
    void badRowsAreSkippedAndCountedUnderSkip() {
        RowCounts counts = counts();
        SequenceReader.PartitionReader partition = SequenceReader.forSchema(TOKENS,
                tokens().badRowPolicy(BadRowPolicy.SKIP).build()).partition(0, counts);
        List<Row> rows = spark.createDataFrame(List.of(
                RowFactory.create(1L, "ok", seq(1, 2)),
                RowFactory.create(2L, "empty", seq()),
                RowFactory.create(3L, "null element", seq(1, null)),
                RowFactory.create(4L, "too long", seq(1, 2, 3, 4, 5)),
                RowFactory.create(5L, "ok", seq(3))), TOKENS).collectAsList();

        List<Optional<Sequence>> read = rows.stream().map(partition::read).toList();

        assertEquals(List.of(true, false, false, false, true), read.stream().map(Optional::isPresent).toList());
        assertEquals(5, counts.read());
        assertEquals(Map.of(RowProblem.EMPTY_SEQUENCE, 1L, RowProblem.NULL_ELEMENT, 1L,
                RowProblem.SEQUENCE_TOO_LONG, 1L), counts.skippedByProblem());
    }

    @Test
    void theSchemaIsCheckedButNoLabelColumnIsNeeded() {
        StructType bigintTokens = new StructType().add("tokens", DataTypes.createArrayType(DataTypes.LongType));

        DataSchemaException wrongType = assertThrows(DataSchemaException.class,
                () -> SequenceReader.forSchema(bigintTokens, tokens().build()));
        DataSchemaException missing = assertThrows(DataSchemaException.class,
                () -> SequenceReader.forSchema(PATCHES, tokens().build()));
        IllegalArgumentException mlm = assertThrows(IllegalArgumentException.class,
                () -> SequenceReader.forSchema(TOKENS, DataFrameBatcherTest.mlm(10, 9).build()));

        assertEquals("column 'tokens' has type array<bigint> but array<int> is expected", wrongType.getMessage());
        assertTrue(missing.getMessage().startsWith("column 'tokens' is missing"), missing.getMessage());
        assertTrue(mlm.getMessage().contains("MLM"), mlm.getMessage());
    }
}
