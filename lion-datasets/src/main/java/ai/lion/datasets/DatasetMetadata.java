package ai.lion.datasets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The {@code dataset.json} a preparer writes beside the splits ({@link DatasetOutput}), read back: what
 * the rows of a prepared dataset mean, so that a job can check its model against them before reading
 * any row. Data without this file (Parquet made by other means) has no metadata.
 *
 * <p>The fields read here, in the file's own names, are also the names the preparers write.
 */
public final class DatasetMetadata {

    /** Name of the file in the dataset's root directory. */
    public static final String FILE_NAME = "dataset.json";
    /** Side of the square patches (patch datasets). */
    public static final String PATCH_SIZE = "patchSize";
    /** Values per flattened patch (patch datasets). */
    public static final String PATCH_DIM = "patchDim";
    /** Patches per image (patch datasets). */
    public static final String NUM_PATCHES = "numPatches";
    /** Image height in pixels (patch datasets). */
    public static final String IMAGE_HEIGHT = "imageHeight";
    /** Image width in pixels (patch datasets). */
    public static final String IMAGE_WIDTH = "imageWidth";
    /** Token ids lie in [0, vocabSize) (token datasets). */
    public static final String VOCAB_SIZE = "vocabSize";
    /** Longest sequence in tokens (token datasets). */
    public static final String MAX_LENGTH = "maxLength";
    /** Labels lie in [0, numClasses) (labelled datasets). */
    public static final String NUM_CLASSES = "numClasses";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final JsonNode fields;

    private DatasetMetadata(Path file, JsonNode fields) {
        this.file = file;
        this.fields = fields;
    }

    /**
     * The metadata of the dataset whose root directory is {@code datasetPath}, if it has a
     * {@value #FILE_NAME}.
     *
     * @throws IOException if the file exists but cannot be read or is not a JSON object (the message
     *                     names the file)
     */
    public static Optional<DatasetMetadata> ofDataset(String datasetPath, Configuration conf) throws IOException {
        return read(new Path(datasetPath, FILE_NAME), conf);
    }

    /**
     * The metadata of the dataset that {@code splitPath} is a split of ({@code <root>/<split>}), if its
     * root has a {@value #FILE_NAME}.
     *
     * @throws IOException as {@link #ofDataset}
     */
    public static Optional<DatasetMetadata> ofSplit(String splitPath, Configuration conf) throws IOException {
        Path root = new Path(splitPath).getParent();
        return root == null ? Optional.empty() : read(new Path(root, FILE_NAME), conf);
    }

    private static Optional<DatasetMetadata> read(Path path, Configuration conf) throws IOException {
        FileSystem fs = path.getFileSystem(conf);
        Path qualified = fs.makeQualified(path);
        if (!fs.isFile(qualified)) {
            return Optional.empty();
        }
        JsonNode fields;
        try (InputStream in = fs.open(qualified)) {
            fields = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            throw new IOException("dataset metadata " + qualified + " is not JSON (" + e.getOriginalMessage()
                    + "); restore it or prepare the dataset again", e);
        }
        if (fields == null || !fields.isObject()) {
            throw new IOException("dataset metadata " + qualified + " is not a JSON object; restore it or prepare"
                    + " the dataset again");
        }
        return Optional.of(new DatasetMetadata(qualified, fields));
    }

    /** The file, fully qualified. */
    public Path file() {
        return file;
    }

    /** The preparer's name ({@code fashion-mnist}, {@code listops}, ...), if recorded. */
    public Optional<String> dataset() {
        JsonNode value = fields.get("dataset");
        return value != null && value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }

    /**
     * The integer field {@code name} (one of the constants of this class), if the file has it.
     *
     * @throws IllegalArgumentException if the field is there but not an integer (naming the file)
     */
    public OptionalInt integer(String name) {
        JsonNode value = fields.get(name);
        if (value == null || value.isNull()) {
            return OptionalInt.empty();
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new IllegalArgumentException("dataset metadata " + file + ": \"" + name + "\" is " + value
                    + ", not an integer; restore the file or prepare the dataset again");
        }
        return OptionalInt.of(value.asInt());
    }

    /** Whether the rows hold patches ({@value #PATCH_DIM} recorded) rather than tokens. */
    public boolean hasPatches() {
        return fields.has(PATCH_DIM);
    }

    /** Whether the rows hold token ids ({@value #VOCAB_SIZE} recorded). */
    public boolean hasTokens() {
        return fields.has(VOCAB_SIZE);
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
