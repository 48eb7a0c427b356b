package ai.lion.datasets;

import ai.lion.datasets.output.OutputExistsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetOutputTest {

    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.start(DatasetOutputTest.class);
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void writesSplitsAndMetadataThenMovesThemIntoPlace() throws IOException {
        Path output = dir.resolve("data");

        PrepareReport report = DatasetOutput.writeAtomically(spark, options(output).seed(9).build(), "numbers", out -> {
            out.writeSplit("train", numbers(30), 30);
            out.writeSplit("test", numbers(7), 7);
            return Map.of("kind", "counting");
        });

        assertEquals(List.of("train", "test"), List.copyOf(report.splits().keySet()));
        assertEquals(30, spark.read().parquet(output.resolve("train").toString()).count());
        assertEquals(7, spark.read().parquet(report.split("test").path()).count());
        JsonNode metadata = new ObjectMapper().readTree(output.resolve("dataset.json").toFile());
        assertEquals("numbers", metadata.get("dataset").asText());
        assertEquals(9, metadata.get("seed").asLong());
        assertEquals("counting", metadata.get("kind").asText());
        assertEquals(30, metadata.get("splits").get("train").asLong());
        assertEquals(List.of("data"), list(dir));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> report.rows("validation"));
        assertEquals("dataset numbers has no split 'validation'; it has [train, test]", e.getMessage());
    }

    @Test
    void aTaskFailureLeavesNeitherOutputNorStagingBehind() {
        Path output = dir.resolve("data");
        Dataset<Row> failing = spark.range(0, 100, 1, 2).map((MapFunction<Long, Long>) id -> {
            if (id == 57) {
                throw new IllegalStateException("row 57 is broken");
            }
            return id;
        }, Encoders.LONG()).toDF("id");

        Exception e = assertThrows(Exception.class, () -> DatasetOutput.writeAtomically(spark,
                options(output).build(), "broken", out -> {
                    out.writeSplit("train", numbers(10), 10);
                    out.writeSplit("test", failing, 100);
                    return Map.of();
                }));

        assertTrue(rootCause(e).getMessage().contains("row 57 is broken"), e.toString());
        assertTrue(list(dir).isEmpty(), "left behind: " + list(dir));
    }

    @Test
    void aRowCountOtherThanExpectedIsAnError() {
        Path output = dir.resolve("data");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> DatasetOutput.writeAtomically(
                spark, options(output).build(), "short", out -> {
                    out.writeSplit("train", numbers(10), 11);
                    return Map.of();
                }));

        assertTrue(e.getMessage().startsWith("split 'train' has 10 rows in "), e.getMessage());
        assertTrue(e.getMessage().endsWith(" but 11 were expected"), e.getMessage());
        assertTrue(list(dir).isEmpty(), "left behind: " + list(dir));
    }

    @Test
    void overwriteReplacesTheWholePreviousOutput() throws IOException {
        Path output = dir.resolve("data");
        DatasetOutput.writeAtomically(spark, options(output).build(), "first", out -> {
            out.writeSplit("train", numbers(5), 5);
            out.writeSplit("old", numbers(5), 5);
            return Map.of();
        });

        UncheckedIOException exists = assertThrows(UncheckedIOException.class, () -> DatasetOutput.writeAtomically(
                spark, options(output).build(), "second", out -> Map.of()));
        assertInstanceOf(OutputExistsException.class, exists.getCause());
        DatasetOutput.writeAtomically(spark, options(output).overwrite(true).build(), "second", out -> {
            out.writeSplit("train", numbers(3), 3);
            return Map.of();
        });

        assertEquals(List.of("dataset.json", "train"), list(output).stream().filter(name -> !name.startsWith("."))
                .toList());
        assertEquals(3, spark.read().parquet(output.resolve("train").toString()).count());
    }

    private static Dataset<Row> numbers(int count) {
        return spark.range(count).toDF("id");
    }

    private static PrepareOptions.Builder options(Path output) {
        return PrepareOptions.builder(output.toString()).partitions(2);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static List<String> list(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
