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

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

import static ai.lion.datasets.TokenRows.tokens;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class TextMlmPreparerTest {

    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.start(TextMlmPreparerTest.class);
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void writesByteSequencesThatReassembleTheDocumentsAndKeepEachDocumentInOneSplit() throws IOException {
        List<String> documents = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            String body = "Entry number " + i + " explains a term in plain words, café " + "é".repeat(i % 3) + ".";
            documents.add(":term" + i + ": n.\n" + body);
            text.append("   :term").append(i).append(": n.\n\n   ").append(body).append("\n\n");
        }
        String zebra = "zebra ".repeat(40).trim() + " stripes everywhere.";
        documents.add(":zebra:\n" + zebra);
        text.append("   :zebra:\n\n   ").append(zebra).append('\n');
        Path input = dir.resolve("corpus.txt.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(input))) {
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        }
        Path output = dir.resolve("mlm");

        PrepareReport report = new TextMlmPreparer().prepare(spark, PrepareOptions.builder(output.toString())
                .partitions(2).param("input", input.toUri().toString()).param("maxLength", 40)
                .param("validationFraction", 0.3).build());

        StructType schema = spark.read().parquet(report.split("train").path()).schema();
        assertEquals(List.of("id", "tokens"), List.of(schema.fieldNames()));
        assertEquals(DataTypes.IntegerType, ((ArrayType) schema.apply("tokens").dataType()).elementType());
        Map<Long, String> train = decodedById(report.split("train").path());
        Map<Long, String> validation = decodedById(report.split("validation").path());
        assertEquals(report.rows("train"), train.size());
        assertEquals(report.rows("validation"), validation.size());
        assertTrue(train.size() > validation.size() && !validation.isEmpty());

        Map<Long, String> all = new TreeMap<>(train);
        all.putAll(validation);
        assertEquals(String.join("", documents), String.join("", all.values()), "the pieces in id order are the corpus");
        Map<Long, String> zebraSplit = train.values().stream().anyMatch(piece -> piece.contains("zebra"))
                ? train : validation;
        long zebraPieces = all.values().stream().filter(piece -> piece.contains("zebra")).count();
        assertTrue(zebraPieces >= 6, "the long document spans several sequences");
        assertEquals(zebraPieces, zebraSplit.values().stream().filter(piece -> piece.contains("zebra")).count(),
                "a document is never split between train and validation");
    }

    @Test
    void aMissingDefaultCorpusNamesTheDebianPackage() {
        assumeTrue(!TextMlmPreparer.DEBIAN_PACKAGE.isInstalled(), "jargon-text is installed here");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new TextMlmPreparer().prepare(spark, PrepareOptions.builder(dir.resolve("x").toString()).build()));
        assertTrue(e.getMessage().contains("sudo apt-get install jargon-text"), e.getMessage());
    }

    @Test
    void invalidUtf8FailsNamingTheFile() throws IOException {
        Path input = Files.write(dir.resolve("latin1.txt"), new byte[] {'c', 'a', 'f', (byte) 0xE9, '\n'});
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> new TextMlmPreparer().prepare(spark, PrepareOptions.builder(dir.resolve("x").toString())
                        .param("input", input.toString()).build()));
        assertTrue(e.getMessage().startsWith(input + ": not valid UTF-8"), e.getMessage());
    }

    @Test
    void preparesTheJargonFileWhenTheDebianPackageIsInstalled() {
        assumeTrue(TextMlmPreparer.DEBIAN_PACKAGE.isInstalled(), TextMlmPreparer.DEBIAN_PACKAGE::status);

        PrepareReport report = new TextMlmPreparer().prepare(spark,
                PrepareOptions.builder(dir.resolve("jargon").toString()).build());

        long train = report.rows("train");
        long validation = report.rows("validation");
        double share = validation / (double) (train + validation);
        assertTrue(share > 0.02 && share < 0.10, "validation share " + share);
        List<Row> rows = spark.read().parquet(report.split("train").path(), report.split("validation").path())
                .collectAsList();
        long textBytes = 0;
        StringBuilder corpus = new StringBuilder();
        for (Row row : rows) {
            int[] tokens = tokens(row);
            assertTrue(tokens.length <= 128);
            textBytes += tokens.length - 2;
            corpus.append(ByteTokenizer.decode(tokens));
        }
        assertTrue(textBytes > 1_400_000, "the Jargon File has about 1.5 MB of prose, got " + textBytes);
        assertTrue(corpus.indexOf("The Story of Mel") >= 0);
        assertTrue(corpus.indexOf(":camelCase:") >= 0);
    }

    private static Map<Long, String> decodedById(String path) {
        Map<Long, String> pieces = new TreeMap<>();
        for (Row row : spark.read().parquet(path).collectAsList()) {
            int[] tokens = tokens(row);
            assertEquals(ByteTokenizer.CLS, tokens[0]);
            assertEquals(ByteTokenizer.SEP, tokens[tokens.length - 1]);
            assertTrue(tokens.length <= 40);
            pieces.put(row.getLong(0), ByteTokenizer.decode(tokens));
        }
        return pieces;
    }
}
