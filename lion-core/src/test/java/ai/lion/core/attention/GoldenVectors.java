package ai.lion.core.attention;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * Finds and reads the golden-vector files.
 *
 * <p>The folder is the system property {@value #DIR_PROPERTY}, default {@value #DEFAULT_DIR}; a relative
 * path is resolved against the project root, which is the system property {@value #ROOT_PROPERTY} (set
 * by surefire) or else the nearest ancestor of the working directory whose {@code pom.xml} lists modules.
 */
public final class GoldenVectors {

    public static final String DIR_PROPERTY = "lion.golden.dir";
    public static final String ROOT_PROPERTY = "lion.project.root";
    public static final String DEFAULT_DIR = "lion-core/src/test/resources/golden";

    private static final ObjectMapper JSON = new ObjectMapper();

    private GoldenVectors() {
    }

    /** The configured golden-vector folder (which may not exist). */
    public static Path directory() {
        String configured = System.getProperty(DIR_PROPERTY, "").trim();
        return projectRoot().resolve(configured.isEmpty() ? DEFAULT_DIR : configured).normalize();
    }

    /**
     * The {@code *.json} files of {@link #directory()}, sorted by name.
     *
     * @throws IllegalStateException if the folder does not exist or holds no such file
     */
    public static List<Path> files() {
        Path dir = directory();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("golden-vector folder " + dir + " does not exist; point -D"
                    + DIR_PROPERTY + "=<folder> at the folder holding the *.json golden files");
        }
        try (Stream<Path> entries = Files.list(dir)) {
            List<Path> files = entries.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
            if (files.isEmpty()) {
                throw new IllegalStateException("golden-vector folder " + dir + " holds no *.json file");
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list golden-vector folder " + dir, e);
        }
    }

    /** Reads one golden file. */
    public static GoldenVector read(Path file) {
        try {
            JsonNode json = JSON.readTree(file.toFile());
            String name = file.getFileName().toString().replaceFirst("\\.json$", "");
            return new GoldenVector(name, MaskType.valueOf(text(json, "mask", file)),
                    integer(json, "batch", file), integer(json, "heads", file), integer(json, "length", file),
                    integer(json, "dim", file), doubles(json, "q", file), doubles(json, "k", file),
                    doubles(json, "v", file), optionalDoubles(json, "lambda", file),
                    optionalDoubles(json, "logA", file), required(json, "eps", file).asDouble(),
                    required(json, "normalize", file).asBoolean(), integer(json, "chunkSize", file),
                    doubles(json, "y", file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read golden file " + file, e);
        }
    }

    private static Path projectRoot() {
        String root = System.getProperty(ROOT_PROPERTY, "");
        if (!root.isBlank() && !root.contains("${")) {
            return Paths.get(root).toAbsolutePath();
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (listsModules(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the project root: set -D" + ROOT_PROPERTY
                + " or run from inside the checkout");
    }

    private static boolean listsModules(Path pom) {
        try {
            return Files.isRegularFile(pom) && Files.readString(pom).contains("<modules>");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pom, e);
        }
    }

    private static JsonNode required(JsonNode json, String field, Path file) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            throw new IllegalArgumentException(file + ": missing field '" + field + "'");
        }
        return node;
    }

    private static String text(JsonNode json, String field, Path file) {
        return required(json, field, file).asText();
    }

    private static int integer(JsonNode json, String field, Path file) {
        return required(json, field, file).asInt();
    }

    private static double[] doubles(JsonNode json, String field, Path file) {
        JsonNode array = required(json, field, file);
        if (!array.isArray()) {
            throw new IllegalArgumentException(file + ": field '" + field + "' must be an array");
        }
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }

    private static double[] optionalDoubles(JsonNode json, String field, Path file) {
        return json.hasNonNull(field) ? doubles(json, field, file) : null;
    }
}
