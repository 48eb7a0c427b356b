package ai.lion.spark.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Validation of what goes into a checkpoint, and the manifest's JSON form. */
class CheckpointValuesTest {

    private static final ComputationGraph GRAPH = TestGraphs.trained(11, 3, 4, 2, 0);
    private static final Path LOCATION = new Path("hdfs://nn:8020/runs/a/ckpt-000004");

    private static String failure(Executable executable) {
        return assertThrows(IllegalArgumentException.class, executable).getMessage();
    }

    @Test
    void theCursorRejectsNegativeIndices() {
        assertEquals("epoch must be >= 0, got -1", failure(() -> new TrainingCursor(-1, 0)));
        assertEquals("splitIndex must be >= 0, got -3", failure(() -> new TrainingCursor(2, -3)));
        assertEquals(new TrainingCursor(0, 0), TrainingCursor.START);
    }

    @Test
    void scoresMustBeNamedAndFinite() {
        assertEquals("score 'val_loss' must be a finite number, got NaN",
                failure(() -> Checkpoint.builder(GRAPH, TrainingCursor.START).score("val_loss", Double.NaN)));
        assertEquals("score 'x' must be a finite number, got Infinity",
                failure(() -> new Scores(Map.of("x", Double.POSITIVE_INFINITY))));
        assertEquals("score names must not be blank, got ''", failure(() -> new Scores(Map.of("", 1.0))));
        Map<String, Double> withNull = new HashMap<>();
        withNull.put("x", null);
        assertEquals("score 'x' must be a finite number, got null", failure(() -> new Scores(withNull)));
        assertEquals(OptionalDouble.of(0.5), new Scores(Map.of("f1", 0.5)).get("f1"));
        assertEquals(OptionalDouble.empty(), Scores.NONE.get("f1"));
    }

    @Test
    void theModelConfigMustBeOneWellFormedJsonValue() {
        Checkpoint.Builder builder = Checkpoint.builder(GRAPH, TrainingCursor.START);
        assertTrue(failure(() -> builder.modelConfigJson("{\"layers\": 2")).startsWith(
                "modelConfigJson is not well-formed JSON"));
        assertTrue(failure(() -> builder.modelConfigJson("{} {}")).startsWith("modelConfigJson is not well-formed JSON"));
        assertEquals("modelConfigJson must not be blank", failure(() -> builder.modelConfigJson("  ")));
        assertEquals("{}", builder.build().modelConfigJson());
        assertEquals("[1, 2]", builder.modelConfigJson("[1, 2]").build().modelConfigJson());
    }

    @Test
    void metricLinesMustBeSingleLineJsonObjects() {
        Checkpoint.Builder builder = Checkpoint.builder(GRAPH, TrainingCursor.START);
        assertEquals("metricsLog line 2 is not a JSON object: '[0.5]'",
                failure(() -> builder.metricsLog(List.of("{\"a\":1}", "[0.5]"))));
        assertEquals("metricsLog line 1 contains a line break: '{\"a\":\n1}'",
                failure(() -> builder.metricsLog(List.of("{\"a\":\n1}"))));
        assertTrue(failure(() -> builder.metricsLog(List.of("{\"a\":}"))).startsWith(
                "metricsLog line 1 is not well-formed JSON"));
        assertEquals("metricsLog line 1 is null", failure(() -> builder.metricsLog(Arrays.asList((String) null))));
    }

    @Test
    void theBuilderTakesTheGraphJsonAndDefaults() {
        Checkpoint checkpoint = Checkpoint.builder(GRAPH, new TrainingCursor(1, 2)).build();
        assertEquals(GRAPH.getConfiguration().toJson(), checkpoint.graphJson());
        assertEquals(List.of(), checkpoint.metricsLog());
        assertEquals(Scores.NONE, checkpoint.scores());
        assertEquals(new TrainingCursor(1, 2), checkpoint.cursor());
    }

    @Test
    void aManifestSurvivesItsJsonForm() throws Exception {
        Manifest manifest = new Manifest(4, Instant.parse("2026-11-28T13:45:07.123456789Z"), new TrainingCursor(3, 7),
                new Scores(Map.of("val_loss", 0.25, "val_acc", 0.875)),
                List.of(new Manifest.FileEntry("model.zip", 1234, "ab".repeat(32))));
        assertEquals(manifest, Manifest.parse(manifest.toJson(), LOCATION));
        assertEquals(new CheckpointInfo(4, LOCATION, manifest.createdAt(), manifest.cursor(), manifest.scores()),
                manifest.describe(LOCATION));
    }

    @Test
    void aManifestThatIsNotOneWeKnowIsReportedAsCorrupt() {
        String future = "{\"format\":2,\"sequence\":4}";
        CorruptCheckpointException unknown = assertThrows(CorruptCheckpointException.class,
                () -> Manifest.parse(future.getBytes(StandardCharsets.UTF_8), LOCATION));
        assertEquals("manifest.json cannot be read: unknown manifest format 2 (this reader knows 1)", unknown.reason());
        assertEquals(LOCATION, unknown.location());
        String noCursor = "{\"format\":1,\"sequence\":4,\"createdAt\":\"2026-11-28T13:45:07Z\",\"scores\":{},\"files\":[]}";
        assertEquals("manifest.json cannot be read: field 'cursor' is missing", assertThrows(
                CorruptCheckpointException.class,
                () -> Manifest.parse(noCursor.getBytes(StandardCharsets.UTF_8), LOCATION)).reason());
    }
}
