package ai.lion.core.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/**
 * Where a {@link LionModel} came from: the data it was trained on, the seeds of the run, the version of
 * this project that wrote it, how far training had got, and when it was written. Immutable; stored as
 * {@code provenance.json} inside the model file ({@link #toJson()} / {@link #fromJson(String)}).
 *
 * @param dataPaths    named data locations, e.g. {@code train} and {@code validation}, in insertion order
 * @param seeds        named seeds of the training run, e.g. {@code training} (the model's own seed is
 *                     {@link LionConfig#seed()})
 * @param codeVersion  the version of this project that wrote the model ({@link #CODE_VERSION} by default)
 * @param position     how far training had got
 * @param createdAt    when the model was written
 */
public record Provenance(Map<String, String> dataPaths, Map<String, Long> seeds, String codeVersion,
                         Position position, Instant createdAt) {

    /** The version of this project, as the build recorded it ({@code unknown} outside a Maven build). */
    public static final String CODE_VERSION = readCodeVersion();

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Validates and copies the maps (their order is kept). */
    public Provenance {
        dataPaths = copy("dataPaths", dataPaths);
        seeds = copy("seeds", seeds);
        if (codeVersion == null || codeVersion.isBlank()) {
            throw new IllegalArgumentException("codeVersion must not be blank, got '" + codeVersion + "'");
        }
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /**
     * How far training had got when the model was written.
     *
     * @param epoch        zero-based epoch training continues with
     * @param split        zero-based split within {@code epoch} training continues with
     * @param examplesSeen training examples the model has been fitted on so far
     */
    public record Position(int epoch, int split, long examplesSeen) {

        /** A model that has not been trained. */
        public static final Position UNTRAINED = new Position(0, 0, 0);

        /** Validates that every count is non-negative. */
        public Position {
            if (epoch < 0 || split < 0 || examplesSeen < 0) {
                throw new IllegalArgumentException("epoch, split and examplesSeen must be >= 0, got " + epoch + ", "
                        + split + ", " + examplesSeen);
            }
        }
    }

    /** A provenance written now by this version of the project. */
    public static Provenance of(Map<String, String> dataPaths, Map<String, Long> seeds, Position position) {
        return new Provenance(dataPaths, seeds, CODE_VERSION, position, Instant.now());
    }

    /** The provenance of a model nothing is known about: no data, no seeds, untrained, written now. */
    public static Provenance unknown() {
        return of(Map.of(), Map.of(), Position.UNTRAINED);
    }

    /** This provenance as indented JSON; {@link #fromJson(String)} restores it exactly. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode data = root.putObject("dataPaths");
        dataPaths.forEach(data::put);
        ObjectNode seedsNode = root.putObject("seeds");
        seeds.forEach(seedsNode::put);
        root.put("codeVersion", codeVersion);
        root.putObject("position")
                .put("epoch", position.epoch())
                .put("split", position.split())
                .put("examplesSeen", position.examplesSeen());
        root.put("createdAt", createdAt.toString());
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + this, e);
        }
    }

    /**
     * Parses what {@link #toJson()} wrote.
     *
     * @throws IllegalArgumentException naming the field that is missing or malformed
     */
    public static Provenance fromJson(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            Map<String, String> data = new LinkedHashMap<>();
            fields(root, "dataPaths").forEachRemaining(field -> data.put(field.getKey(), text(field.getValue(),
                    "dataPaths." + field.getKey())));
            Map<String, Long> seeds = new LinkedHashMap<>();
            fields(root, "seeds").forEachRemaining(field -> seeds.put(field.getKey(), integer(field.getValue(),
                    "seeds." + field.getKey())));
            JsonNode position = field(root, "position");
            return new Provenance(data, seeds, text(field(root, "codeVersion"), "codeVersion"),
                    new Position(Math.toIntExact(integer(field(position, "epoch"), "position.epoch")),
                            Math.toIntExact(integer(field(position, "split"), "position.split")),
                            integer(field(position, "examplesSeen"), "position.examplesSeen")),
                    Instant.parse(text(field(root, "createdAt"), "createdAt")));
        } catch (JsonProcessingException | ArithmeticException | DateTimeParseException e) {
            throw new IllegalArgumentException("invalid provenance JSON: " + e.getMessage(), e);
        }
    }

    private static JsonNode field(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("invalid provenance JSON: field '" + name + "' is missing");
        }
        return value;
    }

    private static Iterator<Map.Entry<String, JsonNode>> fields(JsonNode node, String name) {
        JsonNode value = field(node, name);
        if (!value.isObject()) {
            throw new IllegalArgumentException("invalid provenance JSON: field '" + name + "' is not an object");
        }
        return value.fields();
    }

    private static String text(JsonNode value, String name) {
        if (!value.isTextual()) {
            throw new IllegalArgumentException("invalid provenance JSON: field '" + name + "' is not a string: " + value);
        }
        return value.textValue();
    }

    private static long integer(JsonNode value, String name) {
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IllegalArgumentException("invalid provenance JSON: field '" + name + "' is not an integer: "
                    + value);
        }
        return value.longValue();
    }

    private static <V> Map<String, V> copy(String name, Map<String, V> map) {
        Objects.requireNonNull(map, name);
        map.forEach((key, value) -> {
            if (key == null || key.isBlank() || value == null) {
                throw new IllegalArgumentException(name + " must have non-blank names and non-null values, got " + map);
            }
        });
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    private static String readCodeVersion() {
        try (InputStream in = Provenance.class.getResourceAsStream("lion-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "");
            return version.isBlank() || version.startsWith("${") ? "unknown" : version;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read lion-version.properties", e);
        }
    }
}
