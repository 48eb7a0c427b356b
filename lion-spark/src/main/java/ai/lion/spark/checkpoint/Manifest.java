package ai.lion.spark.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.Path;

/**
 * The table of contents of one checkpoint directory ({@code manifest.json}): its sequence number,
 * creation time, cursor, scores, and the size and SHA-256 of every other file.
 */
record Manifest(long sequence, Instant createdAt, TrainingCursor cursor, Scores scores, List<FileEntry> files) {

    /**
     * Version of the checkpoint layout; a reader refuses manifests it does not know. Format 2: the
     * checkpoint's {@code model.zip} is a {@link ai.lion.core.models.LionModel} file. Format 1 (a plain
     * DL4J zip beside {@code graph.json} and {@code model-config.json}) is refused with
     * {@link UnsupportedCheckpointFormatException}.
     */
    static final int FORMAT = 2;

    Manifest {
        files = List.copyOf(files);
    }

    /** One file of the checkpoint. */
    record FileEntry(String name, long bytes, String sha256) {

        static FileEntry of(String name, Sha256.Digest digest) {
            return new FileEntry(name, digest.bytes(), digest.sha256());
        }
    }

    /** The entry for {@code name}, if the manifest lists it. */
    Optional<FileEntry> file(String name) {
        return files.stream().filter(entry -> entry.name().equals(name)).findFirst();
    }

    /** The public description of the checkpoint stored at {@code location}. */
    CheckpointInfo describe(Path location) {
        return new CheckpointInfo(sequence, location, createdAt, cursor, scores);
    }

    /** Pretty-printed UTF-8 JSON. */
    byte[] toJson() throws IOException {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("sequence", sequence);
        root.put("createdAt", createdAt.toString());
        ObjectNode cursorNode = root.putObject("cursor");
        cursorNode.put("epoch", cursor.epoch());
        cursorNode.put("splitIndex", cursor.splitIndex());
        ObjectNode scoresNode = root.putObject("scores");
        scores.values().forEach(scoresNode::put);
        ArrayNode filesNode = root.putArray("files");
        for (FileEntry entry : files) {
            filesNode.addObject().put("name", entry.name()).put("bytes", entry.bytes()).put("sha256", entry.sha256());
        }
        return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    }

    /**
     * Reads a manifest; anything unexpected is reported as corruption of the checkpoint at {@code location}.
     *
     * @throws UnsupportedCheckpointFormatException if an older version of the project wrote the checkpoint
     */
    static Manifest parse(byte[] json, Path location) throws CorruptCheckpointException {
        try {
            JsonNode root = Json.MAPPER.readTree(json);
            long format = integer(root, "format");
            if (format < FORMAT) {
                throw new UnsupportedCheckpointFormatException(location, format, FORMAT);
            }
            if (format != FORMAT) {
                throw new IllegalArgumentException("unknown manifest format " + format + " (this reader knows " + FORMAT + ")");
            }
            JsonNode cursorNode = object(root, "cursor");
            TrainingCursor cursor = new TrainingCursor(
                    Math.toIntExact(integer(cursorNode, "epoch")), Math.toIntExact(integer(cursorNode, "splitIndex")));
            Map<String, Double> scores = new LinkedHashMap<>();
            object(root, "scores").fields().forEachRemaining(field -> {
                if (!field.getValue().isNumber()) {
                    throw new IllegalArgumentException("score '" + field.getKey() + "' is not a number");
                }
                scores.put(field.getKey(), field.getValue().doubleValue());
            });
            List<FileEntry> files = new ArrayList<>();
            for (JsonNode entry : array(root, "files")) {
                files.add(new FileEntry(text(entry, "name"), integer(entry, "bytes"), text(entry, "sha256")));
            }
            return new Manifest(integer(root, "sequence"), Instant.parse(text(root, "createdAt")), cursor,
                    new Scores(scores), files);
        } catch (IOException | IllegalArgumentException | ArithmeticException | DateTimeParseException e) {
            throw new CorruptCheckpointException(location,
                    CheckpointFiles.MANIFEST + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static JsonNode field(JsonNode node, String name) {
        JsonNode value = node == null ? null : node.get(name);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("field '" + name + "' is missing");
        }
        return value;
    }

    private static long integer(JsonNode node, String name) {
        JsonNode value = field(node, name);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IllegalArgumentException("field '" + name + "' is not an integer: " + value);
        }
        return value.longValue();
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = field(node, name);
        if (!value.isTextual()) {
            throw new IllegalArgumentException("field '" + name + "' is not a string: " + value);
        }
        return value.textValue();
    }

    private static JsonNode object(JsonNode node, String name) {
        JsonNode value = field(node, name);
        if (!value.isObject()) {
            throw new IllegalArgumentException("field '" + name + "' is not an object: " + value);
        }
        return value;
    }

    private static JsonNode array(JsonNode node, String name) {
        JsonNode value = field(node, name);
        if (!value.isArray()) {
            throw new IllegalArgumentException("field '" + name + "' is not an array: " + value);
        }
        return value;
    }
}
