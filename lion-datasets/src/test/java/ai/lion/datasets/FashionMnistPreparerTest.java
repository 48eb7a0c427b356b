package ai.lion.datasets;

import ai.lion.datasets.output.OutputExistsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntBinaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static ai.lion.datasets.IdxFiles.gzip;
import static ai.lion.datasets.IdxFiles.idx;
import static ai.lion.datasets.IdxFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class FashionMnistPreparerTest {

    private static final int SIDE = 4;
    private static final int TRAIN = 12;
    private static final int TEST = 5;
    /** Synthetic pixel {@code p} (row-major) of image {@code i}. */
    private static final IntBinaryOperator TRAIN_PIXEL = (i, p) -> (i * 37 + p * 11) % 256;
    private static final IntBinaryOperator TEST_PIXEL = (i, p) -> (i * 53 + p * 7 + 3) % 256;

    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.start(FashionMnistPreparerTest.class);
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void writesPatchSequencesForTrainValidationAndTestSplits() throws IOException {
        Path input = syntheticInput(TRAIN);
        Path output = dir.resolve("out");

        PrepareReport report = new FashionMnistPreparer().prepare(spark, options(output, input)
                .param("patchSize", 2).param("validationSize", 3).build());

        assertEquals(List.of("train", "validation", "test"), List.copyOf(report.splits().keySet()));
        assertEquals(9, report.rows("train"));
        assertEquals(3, report.rows("validation"));
        assertEquals(TEST, report.rows("test"));
        assertEquals(output.toUri().toString().replaceAll("/$", "") + "/test",
                report.split("test").path().replace("file:/", "file:///"));

        List<Row> train = read(output, "train");
        List<Row> validation = read(output, "validation");
        assertSchema(spark.read().parquet(output.resolve("train").toString()).schema());
        Set<Long> trainIds = ids(train);
        Set<Long> validationIds = ids(validation);
        assertTrue(Collections.disjoint(trainIds, validationIds));
        assertEquals(TRAIN, trainIds.size() + validationIds.size());
        for (Row row : concat(train, validation)) {
            assertRow(row, TRAIN_PIXEL, (int) (row.getLong(0) % 10));
        }
        List<Row> test = read(output, "test");
        assertEquals(Set.of(0L, 1L, 2L, 3L, 4L), ids(test));
        for (Row row : test) {
            assertRow(row, TEST_PIXEL, (int) (row.getLong(0) * 3 % 10));
        }

        JsonNode metadata = new ObjectMapper().readTree(output.resolve("dataset.json").toFile());
        assertEquals(4, metadata.get("numPatches").asInt());
        assertEquals(4, metadata.get("patchDim").asInt());
        assertEquals(9, metadata.get("splits").get("train").asInt());
        assertEquals(List.of("input", "out"), list(dir), "no staging directory is left beside the output");
    }

    @Test
    void carvesTheSameValidationImagesForTheSameSeed() throws IOException {
        Path input = syntheticInput(TRAIN);
        Set<Long> first = validationIds(input, "a", 7);
        Set<Long> again = validationIds(input, "b", 7);
        Set<Long> otherSeed = validationIds(input, "c", 8);

        assertEquals(first, again);
        assertNotEquals(first, otherSeed);
    }

    @Test
    void standardisesWithTheMeanAndStdOfTheTrainingSplit() throws IOException {
        Path input = syntheticInput(TRAIN);
        Path output = dir.resolve("standardised");

        PrepareReport report = new FashionMnistPreparer().prepare(spark, options(output, input)
                .param("patchSize", 4).param("validationSize", 2).param("normalization", "standardize").build());

        List<Row> train = read(output, "train");
        double sum = 0;
        double squares = 0;
        int n = 0;
        for (Row row : train) {
            for (int p = 0; p < SIDE * SIDE; p++) {
                double v = TRAIN_PIXEL.applyAsInt((int) row.getLong(0), p) / 255.0;
                sum += v;
                squares += v * v;
                n++;
            }
        }
        double mean = sum / n;
        double std = Math.sqrt(squares / n - mean * mean);
        assertEquals(mean, (double) report.metadata().get("pixelMean"), 1e-12);
        assertEquals(std, (double) report.metadata().get("pixelStd"), 1e-12);

        double standardisedSum = 0;
        double standardisedSquares = 0;
        for (Row row : train) {
            for (float value : floats(row)) {
                standardisedSum += value;
                standardisedSquares += value * value;
            }
        }
        assertEquals(0.0, standardisedSum / n, 1e-5);
        assertEquals(1.0, standardisedSquares / n, 1e-5);
    }

    @Test
    void refusesAnExistingOutputUnlessAskedToOverwrite() throws IOException {
        Path input = syntheticInput(TRAIN);
        Path output = Files.createDirectories(dir.resolve("taken"));
        Files.writeString(output.resolve("keep.txt"), "previous");

        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> new FashionMnistPreparer().prepare(spark, options(output, input).build()));
        assertInstanceOf(OutputExistsException.class, e.getCause());
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        assertEquals(List.of("keep.txt"), list(output));

        PrepareReport report = new FashionMnistPreparer().prepare(spark,
                options(output, input).overwrite(true).build());
        assertEquals(TRAIN, report.rows("train"));
        assertFalse(Files.exists(output.resolve("keep.txt")));
        assertEquals(List.of("input", "taken"), list(dir));
    }

    @Test
    void aBadLabelFailsWithTheFileAndIndexAndWritesNothing() throws IOException {
        Path input = syntheticInput(TRAIN);
        byte[] labels = new byte[TRAIN];
        labels[7] = 10;
        Path labelsFile = write(input.resolve("train-labels-idx1-ubyte.gz"), gzip(idx(new int[] {TRAIN}, labels)));
        Path output = dir.resolve("never");

        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> new FashionMnistPreparer().prepare(spark, options(output, input).build()));

        assertTrue(e.getMessage().contains(labelsFile.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("label 10 at index 7 is outside 0..9"), e.getMessage());
        assertEquals(List.of("input"), list(dir));
    }

    @Test
    void aMissingInputNamesTheDebianPackageToInstall() {
        Path empty = dir.resolve("nothing-here");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new FashionMnistPreparer().prepare(spark, options(dir.resolve("out"), empty).build()));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte.gz nor"), e.getMessage());
        assertTrue(e.getMessage().contains("dataset-fashion-mnist"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    @Tag("slow")
    void preparesTheRealDatasetWhenTheDebianPackageIsInstalled() throws IOException {
        assumeTrue(FashionMnistPreparer.DEBIAN_PACKAGE.isInstalled(), FashionMnistPreparer.DEBIAN_PACKAGE::status);
        Path output = dir.resolve("fashion-mnist");

        PrepareReport report = new FashionMnistPreparer().prepare(spark, PrepareOptions.builder(output.toString())
                .param("validationSize", 5000).build());

        assertEquals(55_000, report.rows("train"));
        assertEquals(5_000, report.rows("validation"));
        assertEquals(10_000, report.rows("test"));
        Row first = spark.read().parquet(report.split("test").path()).where("id = 0").first();
        IdxArray images = IdxReader.read(new org.apache.hadoop.conf.Configuration(),
                FashionMnistConfig.DEFAULT_INPUT + "/t10k-images-idx3-ubyte.gz");
        assertEquals(49 * 16, floats(first).length);
        assertEquals(9, first.getInt(2), "the first test image is an ankle boot");
        // patch 0 is the top-left 4x4 block; its element (1, 2) is pixel (row 1, column 2)
        assertEquals(images.unsigned(28 + 2) / 255f, floats(first)[4 + 2], 1e-7f);
        // patch 8 is the second patch of the second patch row: its element (3, 0) is pixel (7, 4)
        assertEquals(images.unsigned(7 * 28 + 4) / 255f, floats(first)[8 * 16 + 12], 1e-7f);
    }

    private Path syntheticInput(int trainCount) throws IOException {
        Path input = Files.createDirectories(dir.resolve("input"));
        byte[] trainLabels = new byte[trainCount];
        for (int i = 0; i < trainCount; i++) {
            trainLabels[i] = (byte) (i % 10);
        }
        byte[] testLabels = new byte[TEST];
        for (int i = 0; i < TEST; i++) {
            testLabels[i] = (byte) (i * 3 % 10);
        }
        write(input.resolve("train-images-idx3-ubyte.gz"), gzip(images(trainCount, TRAIN_PIXEL)));
        write(input.resolve("train-labels-idx1-ubyte.gz"), gzip(idx(new int[] {trainCount}, trainLabels)));
        write(input.resolve("t10k-images-idx3-ubyte"), images(TEST, TEST_PIXEL)); // plain, not gzipped
        write(input.resolve("t10k-labels-idx1-ubyte"), idx(new int[] {TEST}, testLabels));
        return input;
    }

    private static byte[] images(int count, IntBinaryOperator pixel) {
        byte[] data = new byte[count * SIDE * SIDE];
        for (int i = 0; i < count; i++) {
            for (int p = 0; p < SIDE * SIDE; p++) {
                data[i * SIDE * SIDE + p] = (byte) pixel.applyAsInt(i, p);
            }
        }
        return idx(new int[] {count, SIDE, SIDE}, data);
    }

    /** Checks a 2x2-patch row against the synthetic image, deriving each patch element's pixel by hand. */
    private static void assertRow(Row row, IntBinaryOperator pixel, int expectedLabel) {
        int id = (int) row.getLong(0);
        float[] patches = floats(row);
        assertEquals(16, patches.length);
        for (int patch = 0; patch < 4; patch++) {
            for (int element = 0; element < 4; element++) {
                int y = (patch / 2) * 2 + element / 2;
                int x = (patch % 2) * 2 + element % 2;
                assertEquals(pixel.applyAsInt(id, y * SIDE + x) / 255f, patches[patch * 4 + element], 1e-7f,
                        "image " + id + " patch " + patch + " element " + element);
            }
        }
        assertEquals(expectedLabel, row.getInt(2));
    }

    private static void assertSchema(StructType schema) {
        assertEquals(List.of("id", "patches", "label"), List.of(schema.fieldNames()));
        assertEquals(DataTypes.LongType, schema.apply("id").dataType());
        assertEquals(DataTypes.FloatType, ((ArrayType) schema.apply("patches").dataType()).elementType());
        assertEquals(DataTypes.IntegerType, schema.apply("label").dataType());
    }

    private Set<Long> validationIds(Path input, String name, long seed) {
        Path output = dir.resolve(name);
        new FashionMnistPreparer().prepare(spark, options(output, input).seed(seed)
                .param("validationSize", 3).build());
        return ids(read(output, "validation"));
    }

    private static PrepareOptions.Builder options(Path output, Path input) {
        return PrepareOptions.builder(output.toString()).partitions(2).param("input", input.toUri().toString());
    }

    private static List<Row> read(Path output, String split) {
        return spark.read().parquet(output.resolve(split).toString()).collectAsList();
    }

    private static float[] floats(Row row) {
        List<Float> values = row.getList(row.fieldIndex("patches"));
        float[] array = new float[values.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = values.get(i);
        }
        return array;
    }

    private static Set<Long> ids(List<Row> rows) {
        return rows.stream().map(row -> row.getLong(0)).collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<Row> concat(List<Row> a, List<Row> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }

    private static List<String> list(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
