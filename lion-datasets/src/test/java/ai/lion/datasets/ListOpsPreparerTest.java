package ai.lion.datasets;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static ai.lion.datasets.TokenRows.tokens;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ListOpsPreparerTest {

    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.start(ListOpsPreparerTest.class);
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void writesThreeSplitsOfCorrectlyLabelledSequences() {
        Path output = dir.resolve("listops");

        PrepareReport report = new ListOpsPreparer().prepare(spark, options(output, 3).build());

        assertEquals(List.of("train", "validation", "test"), List.copyOf(report.splits().keySet()));
        assertEquals(60, report.rows("train"));
        assertEquals(15, report.rows("validation"));
        assertEquals(10, report.rows("test"));
        assertEquals(16, report.metadata().get("vocabSize"));
        for (String split : report.splits().keySet()) {
            StructType schema = spark.read().parquet(report.split(split).path()).schema();
            assertEquals(List.of("id", "tokens", "label"), List.of(schema.fieldNames()));
            assertEquals(DataTypes.IntegerType, ((ArrayType) schema.apply("tokens").dataType()).elementType());
            Map<Long, Row> rows = rowsById(report.split(split).path());
            assertEquals(report.rows(split), rows.size());
            assertEquals(0L, ((TreeMap<Long, Row>) rows).firstKey());
            for (Row row : rows.values()) {
                int[] tokens = tokens(row);
                assertTrue(tokens.length >= 5 && tokens.length <= 60, "length " + tokens.length);
                assertEquals(ListOpsEvaluator.evaluate(ListOpsVocabulary.render(tokens)).value(), row.getInt(2));
            }
        }
    }

    @Test
    void theDataDependsOnTheSeedButNotOnThePartitioning() {
        Path three = dir.resolve("three");
        Path two = dir.resolve("two");
        Path otherSeed = dir.resolve("other-seed");
        new ListOpsPreparer().prepare(spark, options(three, 3).build());
        new ListOpsPreparer().prepare(spark, trainOnly(options(two, 2)).build());
        new ListOpsPreparer().prepare(spark, trainOnly(options(otherSeed, 2)).seed(7).build());

        Map<Long, Row> byThree = rowsById(three.resolve("train").toString());
        Map<Long, Row> byTwo = rowsById(two.resolve("train").toString());
        Map<Long, Row> bySeven = rowsById(otherSeed.resolve("train").toString());
        int differing = 0;
        for (long id = 0; id < 60; id++) {
            assertEquals(ListOpsVocabulary.render(tokens(byThree.get(id))), ListOpsVocabulary.render(tokens(byTwo.get(id))));
            assertEquals(byThree.get(id).getInt(2), byTwo.get(id).getInt(2));
            if (!ListOpsVocabulary.render(tokens(byThree.get(id))).equals(ListOpsVocabulary.render(tokens(bySeven.get(id))))) {
                differing++;
            }
        }
        assertEquals(60, differing);
        assertFalse(ListOpsVocabulary.render(tokens(byThree.get(0L)))
                .equals(ListOpsVocabulary.render(tokens(rowsById(three.resolve("test").toString()).get(0L)))),
                "splits draw from different streams");
    }

    @Test
    void rejectsUnknownParameters() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ListOpsPreparer().prepare(spark, PrepareOptions.builder(dir.resolve("x").toString())
                        .param("maxLenght", 100).build()));
        assertTrue(e.getMessage().startsWith("unknown parameter(s) [maxLenght] for dataset listops"), e.getMessage());
    }

    private static PrepareOptions.Builder options(Path output, int partitions) {
        return PrepareOptions.builder(output.toString()).partitions(partitions)
                .param("trainSize", 60).param("validationSize", 15).param("testSize", 10)
                .param("minLength", 5).param("maxLength", 60).param("maxDepth", 5).param("maxArgs", 4);
    }

    private static PrepareOptions.Builder trainOnly(PrepareOptions.Builder options) {
        return options.param("validationSize", 0).param("testSize", 0);
    }

    private static Map<Long, Row> rowsById(String path) {
        Map<Long, Row> rows = new TreeMap<>();
        spark.read().parquet(path).collectAsList().forEach(row -> rows.put(row.getLong(0), row));
        return rows;
    }
}
