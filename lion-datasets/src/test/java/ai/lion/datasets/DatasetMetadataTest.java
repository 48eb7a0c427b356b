package ai.lion.datasets;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetMetadataTest {

    private static final Configuration CONF = new Configuration();

    @TempDir
    Path dir;

    private Path dataset(String json) throws IOException {
        Path root = dir.resolve("data");
        Files.createDirectories(root.resolve("test"));
        Files.writeString(root.resolve("dataset.json"), json);
        return root;
    }

    @Test
    void theFieldsOfAPatchDatasetAreReadFromItsRootAndFromASplit() throws IOException {
        Path root = dataset("{\"dataset\":\"fashion-mnist\",\"patchSize\":7,\"numPatches\":16,\"patchDim\":49,"
                + "\"numClasses\":10,\"classNames\":[\"T-shirt/top\"]}");

        DatasetMetadata metadata = DatasetMetadata.ofDataset(root.toUri().toString(), CONF).orElseThrow();
        DatasetMetadata viaSplit = DatasetMetadata.ofSplit(root.resolve("test").toUri().toString(), CONF).orElseThrow();

        assertEquals("file:" + root.resolve("dataset.json"), metadata.file().toString());
        assertEquals(metadata.file(), viaSplit.file());
        assertEquals("fashion-mnist", metadata.dataset().orElseThrow());
        assertEquals(OptionalInt.of(7), metadata.integer(DatasetMetadata.PATCH_SIZE));
        assertEquals(OptionalInt.of(49), viaSplit.integer(DatasetMetadata.PATCH_DIM));
        assertEquals(OptionalInt.empty(), metadata.integer(DatasetMetadata.VOCAB_SIZE));
        assertTrue(metadata.hasPatches());
        assertFalse(metadata.hasTokens());
    }

    @Test
    void dataWithoutTheFileHasNoMetadata() throws IOException {
        Files.createDirectories(dir.resolve("parquet/part"));

        assertTrue(DatasetMetadata.ofDataset(dir.resolve("parquet").toString(), CONF).isEmpty());
        assertTrue(DatasetMetadata.ofSplit(dir.resolve("parquet/part").toString(), CONF).isEmpty());
        assertTrue(DatasetMetadata.ofDataset(dir.resolve("no-such-directory").toString(), CONF).isEmpty());
    }

    @Test
    void aDamagedFileIsNamed() throws IOException {
        Path root = dataset("{\"vocabSize\": 16,");

        IOException e = assertThrows(IOException.class, () -> DatasetMetadata.ofDataset(root.toString(), CONF));

        assertTrue(e.getMessage().startsWith("dataset metadata file:" + root.resolve("dataset.json") + " is not JSON ("),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("); restore it or prepare the dataset again"), e.getMessage());
    }

    @Test
    void aFieldThatIsNotAnIntegerIsNamedWithTheFile() throws IOException {
        DatasetMetadata metadata = DatasetMetadata.ofDataset(dataset("{\"vocabSize\":\"16\"}").toString(), CONF)
                .orElseThrow();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> metadata.integer(DatasetMetadata.VOCAB_SIZE));

        assertEquals("dataset metadata " + metadata.file() + ": \"vocabSize\" is \"16\", not an integer; restore the"
                + " file or prepare the dataset again", e.getMessage());
    }
}
