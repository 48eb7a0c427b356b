package ai.lion.spark.data;

import static ai.lion.spark.data.LocalSpark.seq;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lion.core.models.PatchInput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Shapes, masks and padding of the minibatches built from small DataFrames on a real local[2] Spark. */
class DataFrameBatcherTest {

    static final StructType TOKENS_SCHEMA = new StructType()
            .add("tokens", DataTypes.createArrayType(DataTypes.IntegerType))
            .add("label", DataTypes.IntegerType)
            .add("id", DataTypes.StringType);
    static final StructType PATCHES_SCHEMA = new StructType()
            .add("patches", DataTypes.createArrayType(DataTypes.FloatType))
            .add("label", DataTypes.IntegerType);
    static final StructType MLM_SCHEMA = new StructType()
            .add("tokens", DataTypes.createArrayType(DataTypes.IntegerType));

    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.start(DataFrameBatcherTest.class);
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    private static Dataset<Row> frame(StructType schema, List<Row> rows) {
        return LocalSpark.frame(spark, schema, rows);
    }

    private static SpecBuilder tokens() {
        return SpecBuilder.of(InputKind.TOKENS).vocabularySize(10).numClasses(3).maxLength(4).batchSize(2);
    }

    @Test
    void tokenSequencesAreRightPaddedToTheLongestInTheirBatch() {
        Dataset<Row> rows = frame(TOKENS_SCHEMA, List.of(
                RowFactory.create(seq(5, 6, 7), 1, "a"),
                RowFactory.create(seq(8), 0, "b"),
                RowFactory.create(seq(2, 3), 2, "c")));
        BatchSpec spec = tokens().padId(9).build();

        List<MultiDataSet> batches = LocalSpark.collect(new DataFrameBatcher(spec).batch(rows, 1L));

        assertEquals(2, batches.size());
        MultiDataSet first = batches.get(0);
        assertFloats(new float[][][] {{{5, 6, 7}}, {{8, 9, 9}}}, first.getFeatures(0));
        assertFloats(new float[][] {{1, 1, 1}, {1, 0, 0}}, first.getFeaturesMaskArray(0));
        assertFloats(new float[][] {{0, 1, 0}, {1, 0, 0}}, first.getLabels(0));
        assertNull(first.getLabelsMaskArrays());
        MultiDataSet second = batches.get(1);
        assertFloats(new float[][][] {{{2, 3}}}, second.getFeatures(0));
        assertFloats(new float[][] {{1, 1}}, second.getFeaturesMaskArray(0));
        assertFloats(new float[][] {{0, 0, 1}}, second.getLabels(0));
    }

    @Test
    void patchesBecomeChannelsByTimeAndPadWithZeros() {
        Dataset<Row> rows = frame(PATCHES_SCHEMA, List.of(
                RowFactory.create(seq(1f, 2f, 3f, 4f, 5f, 6f), 0),
                RowFactory.create(seq(7f, 8f), 1)));
        BatchSpec spec = SpecBuilder.of(InputKind.PATCHES)
                .patchDim(2).numClasses(2).maxLength(3).batchSize(2).build();

        List<MultiDataSet> batches = LocalSpark.collect(new DataFrameBatcher(spec).batch(rows, 1L));

        assertEquals(1, batches.size());
        MultiDataSet batch = batches.get(0);
        assertFloats(new float[][][] {{{1, 3, 5}, {2, 4, 6}}, {{7, 0, 0}, {8, 0, 0}}}, batch.getFeatures(0));
        assertFloats(new float[][] {{1, 1, 1}, {1, 0, 0}}, batch.getFeaturesMaskArray(0));
        assertFloats(new float[][] {{1, 0}, {0, 1}}, batch.getLabels(0));
    }

    @Test
    void indexEncodingStoresClassLabelsAsOneColumn() {
        Dataset<Row> rows = frame(TOKENS_SCHEMA, List.of(
                RowFactory.create(seq(1), 2, "a"),
                RowFactory.create(seq(1, 2), 0, "b")));
        BatchSpec spec = tokens().labelEncoding(LabelEncoding.INDEX).build();

        MultiDataSet batch = LocalSpark.collect(new DataFrameBatcher(spec).batch(rows, 1L)).get(0);

        assertFloats(new float[][] {{2}, {0}}, batch.getLabels(0));
    }

    @Test
    void truncationCutsLongSequencesToMaxLength() {
        Dataset<Row> rows = frame(TOKENS_SCHEMA, List.of(RowFactory.create(seq(1, 2, 3, 4, 5, 6), 0, "a")));
        BatchSpec spec = tokens().maxLength(4).truncate(true).build();

        MultiDataSet batch = LocalSpark.collect(new DataFrameBatcher(spec).batch(rows, 1L)).get(0);

        assertFloats(new float[][][] {{{1, 2, 3, 4}}}, batch.getFeatures(0));
        assertFloats(new float[][] {{1, 1, 1, 1}}, batch.getFeaturesMaskArray(0));
    }

    @Test
    void mlmWithEveryTokenSelectedPredictsEveryOriginalOneHot() {
        Dataset<Row> rows = frame(MLM_SCHEMA, List.of(RowFactory.create(seq(3, 4, 5)), RowFactory.create(seq(6))));
        BatchSpec spec = mlm(20, 19).mlmProbability(1.0).build();

        MultiDataSet batch = LocalSpark.collect(new DataFrameBatcher(spec).batch(rows, 1L)).get(0);

        INDArray expected = Nd4j.zeros(DataType.FLOAT, 2, 20, 3);
        expected.putScalar(new long[] {0, 3, 0}, 1);
        expected.putScalar(new long[] {0, 4, 1}, 1);
        expected.putScalar(new long[] {0, 5, 2}, 1);
        expected.putScalar(new long[] {1, 6, 0}, 1);
        assertEquals(expected, batch.getLabels(0));
        assertFloats(new float[][] {{1, 1, 1}, {1, 0, 0}}, batch.getLabelsMaskArray(0));
        assertFloats(new float[][] {{1, 1, 1}, {1, 0, 0}}, batch.getFeaturesMaskArray(0));
        assertArrayEquals(new long[] {2, 1, 3}, batch.getFeatures(0).shape());
        assertEquals(0f, batch.getFeatures(0).getFloat(1, 0, 1), "padding holds padId");
    }

    @Test
    void mlmIndexLabelsHoldOriginalIdsAtSelectedSteps() {
        Dataset<Row> rows = frame(MLM_SCHEMA, List.of(RowFactory.create(seq(3, 4, 5)), RowFactory.create(seq(6))));
        BatchSpec spec = mlm(20, 19).mlmProbability(1.0).labelEncoding(LabelEncoding.INDEX).build();

        MultiDataSet batch = LocalSpark.collect(new DataFrameBatcher(spec).batch(rows, 1L)).get(0);

        assertFloats(new float[][][] {{{3, 4, 5}}, {{6, 0, 0}}}, batch.getLabels(0));
        assertFloats(new float[][] {{1, 1, 1}, {1, 0, 0}}, batch.getLabelsMaskArray(0));
    }

    @Test
    void mlmMasksAboutTheConfiguredShareAndKeepsOriginalsAsTargets() {
        int vocabulary = 1000;
        int maskId = vocabulary - 1;
        List<int[]> sequences = randomSequences(400, 64, maskId, new Random(5));
        BatchSpec spec = mlm(vocabulary, maskId).maxLength(64).batchSize(16)
                .labelEncoding(LabelEncoding.INDEX).build();

        List<MultiDataSet> batches = LocalSpark.collect(new DataFrameBatcher(spec).batch(mlmFrame(sequences), 11L));

        int selected = 0;
        int masked = 0;
        int kept = 0;
        int row = 0;
        for (MultiDataSet batch : batches) {
            INDArray features = batch.getFeatures(0);
            INDArray labels = batch.getLabels(0);
            INDArray labelMask = batch.getLabelsMaskArray(0);
            for (int b = 0; b < features.size(0); b++, row++) {
                int[] original = sequences.get(row);
                for (int t = 0; t < original.length; t++) {
                    int input = features.getInt(b, 0, t);
                    if (labelMask.getFloat(b, t) == 1f) {
                        selected++;
                        assertEquals(original[t], labels.getInt(b, 0, t), "target of row " + row + " step " + t);
                        masked += input == maskId ? 1 : 0;
                        kept += input == original[t] ? 1 : 0;
                    } else {
                        assertEquals(original[t], input, "unselected step " + t + " of row " + row);
                    }
                }
            }
        }
        assertEquals(sequences.size(), row);
        int tokens = sequences.size() * 64;
        // binomial standard deviations: 0.0022 (selection), 0.0065 (mask share), 0.0048 (kept share)
        assertEquals(0.15, (double) selected / tokens, 0.01);
        assertEquals(0.8, (double) masked / selected, 0.03);
        assertEquals(0.1, (double) kept / selected, 0.025);
    }

    @Test
    void mlmMasksAreDeterministicPerSeed() {
        List<int[]> sequences = randomSequences(64, 16, 49, new Random(3));
        DataFrameBatcher batcher = new DataFrameBatcher(mlm(50, 49).maxLength(16).batchSize(8).build());
        Dataset<Row> rows = mlmFrame(sequences);

        List<MultiDataSet> first = LocalSpark.collect(batcher.shardAndBatch(rows, new ShardPlan(2, 2, 21L)));
        List<MultiDataSet> again = LocalSpark.collect(batcher.shardAndBatch(rows, new ShardPlan(2, 2, 21L)));
        List<MultiDataSet> otherSeed = LocalSpark.collect(batcher.shardAndBatch(rows, new ShardPlan(2, 2, 22L)));

        assertEquals(first.size(), again.size());
        for (int i = 0; i < first.size(); i++) {
            assertEquals(first.get(i).getFeatures(0), again.get(i).getFeatures(0));
            assertEquals(first.get(i).getLabels(0), again.get(i).getLabels(0));
            assertEquals(first.get(i).getLabelsMaskArray(0), again.get(i).getLabelsMaskArray(0));
        }
        assertNotEquals(Nd4j.concat(0, masks(first)), Nd4j.concat(0, masks(otherSeed)));
    }

    @Test
    void augmentedImagesAreShiftedOrMirroredCopiesDrawnAfreshPerSeedAndNeverMixedUp() {
        PatchInput image = new PatchInput(4, 2, 1);
        List<Row> input = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            float[] pixels = new float[image.numPatches() * image.patchDim()];
            for (int p = 0; p < pixels.length; p++) {
                pixels[p] = 100 * i + p;
            }
            input.add(RowFactory.create(boxed(pixels), i % 2));
        }
        Dataset<Row> rows = spark.createDataFrame(input, PATCHES_SCHEMA);
        BatchSpec spec = SpecBuilder.of(InputKind.PATCHES).patchDim(image.patchDim()).numClasses(2)
                .maxLength(image.numPatches()).batchSize(8).build();
        DataFrameBatcher batcher = new DataFrameBatcher(spec).augmenting(new ImageAugmentation(1, true), image);

        List<MultiDataSet> first = LocalSpark.collect(batcher.shardAndBatch(rows, new ShardPlan(2, 1, 5L)));
        List<MultiDataSet> again = LocalSpark.collect(batcher.shardAndBatch(rows, new ShardPlan(2, 1, 5L)));
        List<MultiDataSet> otherSeed = LocalSpark.collect(batcher.shardAndBatch(rows, new ShardPlan(2, 1, 6L)));
        List<MultiDataSet> plain = LocalSpark.collect(new DataFrameBatcher(spec).shardAndBatch(rows, new ShardPlan(2, 1, 5L)));

        INDArray features = Nd4j.concat(0, features(first));
        INDArray unchanged = Nd4j.concat(0, features(plain));
        assertEquals(40, features.size(0));
        assertEquals(Nd4j.concat(0, labels(plain)), Nd4j.concat(0, labels(first)), "labels stay with their rows");
        assertEquals(features, Nd4j.concat(0, features(again)));
        assertNotEquals(features, Nd4j.concat(0, features(otherSeed)));
        PatchAugmenter check = new PatchAugmenter(new ImageAugmentation(1, true), image);
        int changed = 0;
        for (int b = 0; b < 40; b++) {
            float[] original = unchanged.slice(b).dup('c').data().asFloat();
            float[] augmented = features.slice(b).dup('c').data().asFloat();
            assertTrue(isMovedCopy(check, original, augmented), "example " + b + " is a shift or mirror of its row");
            changed += java.util.Arrays.equals(original, augmented) ? 0 : 1;
        }
        assertTrue(changed >= 30, "most of the 40 images change (17 of 18 draws do), got " + changed);
    }

    @Test
    void augmentationRefusesImagesWithMissingPatchesAndRowsOfOtherModels() {
        PatchInput image = new PatchInput(4, 2, 1);
        BatchSpec spec = SpecBuilder.of(InputKind.PATCHES).patchDim(4).numClasses(2).maxLength(4).batchSize(2).build();
        Dataset<Row> rows = frame(PATCHES_SCHEMA, List.of(RowFactory.create(seq(1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f), 0)));
        DataFrameBatcher batcher = new DataFrameBatcher(spec).augmenting(new ImageAugmentation(1, false), image);

        BadRowException e = LocalSpark.badRow(() -> batcher.batch(rows, 0L).rdd().count());

        assertEquals(RowProblem.INCOMPLETE_IMAGE, e.problem());
        assertEquals("2 patches, the image has 4", e.detail());
        assertThrows(IllegalArgumentException.class,
                () -> new DataFrameBatcher(tokens().build()).augmenting(new ImageAugmentation(1, false), image));
        assertThrows(IllegalArgumentException.class,
                () -> new DataFrameBatcher(spec).augmenting(new ImageAugmentation(1, false), new PatchInput(8, 4, 1)));
    }

    private static boolean isMovedCopy(PatchAugmenter augmenter, float[] original, float[] augmented) {
        for (int down = -1; down <= 1; down++) {
            for (int right = -1; right <= 1; right++) {
                for (boolean mirror : new boolean[] {false, true}) {
                    float[] candidate = original.clone();
                    augmenter.transform(candidate, down, right, mirror);
                    if (java.util.Arrays.equals(candidate, augmented)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static List<Float> boxed(float[] values) {
        List<Float> list = new ArrayList<>();
        for (float v : values) {
            list.add(v);
        }
        return list;
    }

    private static INDArray[] features(List<MultiDataSet> batches) {
        return batches.stream().map(b -> b.getFeatures(0)).toArray(INDArray[]::new);
    }

    private static INDArray[] labels(List<MultiDataSet> batches) {
        return batches.stream().map(b -> b.getLabels(0)).toArray(INDArray[]::new);
    }

    @Test
    void shardAndBatchBuildsFullMinibatchesInEveryRequestedPartition() {
        List<Row> input = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            input.add(RowFactory.create(seq(i % 10, (i + 1) % 10), i % 3, "row-" + i));
        }
        BatchSpec spec = tokens().batchSize(4).build();

        Minibatches batches = new DataFrameBatcher(spec)
                .shardAndBatch(spark.createDataFrame(input, TOKENS_SCHEMA), new ShardPlan(2, 3, 7L));

        assertEquals(6, batches.rdd().getNumPartitions());
        int rows = 0;
        for (List<MultiDataSet> partition : batches.rdd().glom().collect()) {
            for (int i = 0; i < partition.size(); i++) {
                long size = partition.get(i).getFeatures(0).size(0);
                assertTrue(i == partition.size() - 1 ? size <= 4 : size == 4, "only a partition's last batch is short");
                rows += size;
            }
        }
        assertEquals(50, rows);
        assertEquals(50, batches.rowCounts().read());
        assertEquals(0, batches.rowCounts().skippedTotal());
    }

    @Test
    void parquetWrittenBySparkIsReadWithItsSourceFileAndBatched(@TempDir Path dir) {
        String path = dir.resolve("tokens.parquet").toString();
        spark.createDataFrame(List.of(RowFactory.create(seq(1, 2), 1, "a"), RowFactory.create(seq(3), 0, "b")),
                TOKENS_SCHEMA).coalesce(1).write().parquet(path);

        Dataset<Row> rows = ParquetSource.read(spark, path);
        List<MultiDataSet> batches = LocalSpark.collect(new DataFrameBatcher(tokens().build()).batch(rows, 1L));

        assertTrue(rows.select(ParquetSource.SOURCE_FILE_COLUMN).first().getString(0).contains("tokens.parquet/part-"));
        assertEquals(1, batches.size());
        assertFloats(new float[][][] {{{1, 2}}, {{3, 0}}}, batches.get(0).getFeatures(0));
    }

    static SpecBuilder mlm(int vocabulary, int maskId) {
        return SpecBuilder.of(InputKind.MLM).vocabularySize(vocabulary).maskTokenId(maskId)
                .maxLength(4).batchSize(2);
    }

    /** Sequences of random ids in [0, maskId), so that the mask token never occurs as an original. */
    private static List<int[]> randomSequences(int count, int length, int maskId, Random random) {
        List<int[]> sequences = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sequences.add(random.ints(length, 0, maskId).toArray());
        }
        return sequences;
    }

    private static Dataset<Row> mlmFrame(List<int[]> sequences) {
        List<Row> rows = new ArrayList<>();
        for (int[] ids : sequences) {
            rows.add(RowFactory.create(java.util.Arrays.stream(ids).boxed().toList()));
        }
        return frame(MLM_SCHEMA, rows);
    }

    private static INDArray[] masks(List<MultiDataSet> batches) {
        return batches.stream().map(b -> b.getLabelsMaskArray(0).reshape(-1)).toArray(INDArray[]::new);
    }

    private static void assertFloats(float[][][] expected, INDArray actual) {
        assertEquals(DataType.FLOAT, actual.dataType());
        assertEquals(Nd4j.createFromArray(expected), actual);
    }

    private static void assertFloats(float[][] expected, INDArray actual) {
        assertEquals(DataType.FLOAT, actual.dataType());
        assertEquals(Nd4j.createFromArray(expected), actual);
    }
}
