package ai.lion.spark.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lion.core.models.LionModel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Validation of what goes into a checkpoint, and the manifest's JSON form. */
class CheckpointValuesTest {

    private static final LionModel MODEL = TestModels.trained(11, 0);
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
                failure(() -> Checkpoint.builder(MODEL, TrainingCursor.START).score("val_loss", Double.NaN)));
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
    void metricLinesMustBeSingleLineJsonObjects() {
        Checkpoint.Builder builder = Checkpoint.builder(MODEL, TrainingCursor.START);
        assertEquals("metricsLog line 2 is not a JSON object: '[0.5]'",
                failure(() -> builder.metricsLog(List.of("{\"a\":1}", "[0.5]"))));
        assertEquals("metricsLog line 1 contains a line break: '{\"a\":\n1}'",
                failure(() -> builder.metricsLog(List.of("{\"a\":\n1}"))));
        assertTrue(failure(() -> builder.metricsLog(List.of("{\"a\":}"))).startsWith(
                "metricsLog line 1 is not well-formed JSON"));
        assertEquals("metricsLog line 1 is null", failure(() -> builder.metricsLog(Arrays.asList((String) null))));
    }

    @Test
    void theBuilderTakesTheModelAndDefaults() {
        Checkpoint checkpoint = Checkpoint.builder(MODEL, new TrainingCursor(1, 2)).build();
        assertEquals(MODEL, checkpoint.model());
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
        String future = "{\"format\":3,\"sequence\":4}";
        CorruptCheckpointException unknown = assertThrows(CorruptCheckpointException.class,
                () -> Manifest.parse(future.getBytes(StandardCharsets.UTF_8), LOCATION));
        assertEquals("manifest.json cannot be read: unknown manifest format 3 (this reader knows 2)", unknown.reason());
        assertEquals(LOCATION, unknown.location());
        String noCursor = "{\"format\":2,\"sequence\":4,\"createdAt\":\"2026-11-28T13:45:07Z\",\"scores\":{},\"files\":[]}";
        assertEquals("manifest.json cannot be read: field 'cursor' is missing", assertThrows(
                CorruptCheckpointException.class,
                () -> Manifest.parse(noCursor.getBytes(StandardCharsets.UTF_8), LOCATION)).reason());
    }

    @Test
    void aManifestOfFormatOneIsRefusedAsWrittenByAnOlderVersionNotAsCorrupt() {
        String old = "{\"format\":1,\"sequence\":4}";
        UnsupportedCheckpointFormatException refused = assertThrows(UnsupportedCheckpointFormatException.class,
                () -> Manifest.parse(old.getBytes(StandardCharsets.UTF_8), LOCATION));
        assertEquals("Checkpoint " + LOCATION + " was written by an older version of lion (checkpoint format 1; this"
                + " version reads format 2, whose model.zip is a LION model file): retrain into a new checkpoint"
                + " root, or read it with the version that wrote it", refused.getMessage());
        assertEquals(LOCATION, refused.location());
    }
}
