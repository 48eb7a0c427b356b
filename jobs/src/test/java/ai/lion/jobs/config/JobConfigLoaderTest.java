package ai.lion.jobs.config;

import com.typesafe.config.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobConfigLoaderTest {

    private final JobConfigLoader loader = JobConfigLoader.fromClasspath();

    @TempDir
    Path dir;

    private Path file(String hocon) throws IOException {
        return Files.writeString(dir.resolve("job.conf"), hocon);
    }

    private List<String> problems(Optional<Path> file, List<String> overrides) {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> loader.load(file, overrides));
        return e.problems().stream().map(ConfigProblem::message).toList();
    }

    @Test
    void overridesBeatTheFileWhichBeatsTheReference() throws Exception {
        Path job = file("train { epochs = 4, batch-size-per-worker = 16 }\ndata.path = data/x\n");
        Config config = loader.load(Optional.of(job), List.of("train.epochs=7", "train.epochs=9"));
        assertEquals(9, config.getInt("train.epochs"));
        assertEquals(16, config.getInt("train.batch-size-per-worker"));
        assertEquals(loader.reference().getInt("train.averaging-frequency"), config.getInt("train.averaging-frequency"));
        assertEquals("data/x", config.getString("data.path"));
    }

    @Test
    void withoutAFileTheReferenceDefaultsApply() throws Exception {
        Config config = loader.load(Optional.empty(), List.of());
        assertEquals(10, config.getInt("train.epochs"));
        assertTrue(config.getIsNull("data.path"));
    }

    @Test
    void substitutionsResolveAcrossLayers() throws Exception {
        Path job = file("data.path = \"hdfs://nn:8020/lion\"\ncheckpoint.path = ${data.path}\"/runs/a\"\n");
        Config config = loader.load(Optional.of(job), List.of("data.path=file:/tmp/lion"));
        assertEquals("file:/tmp/lion/runs/a", config.getString("checkpoint.path"));
    }

    @Test
    void aMisspeltKeyIsRejectedWithASuggestionAndItsLine() throws Exception {
        Path job = file("train {\n  epochs = 3\n  epoch = 4\n}\n");
        assertEquals(List.of("train.epoch = 4: unknown key; did you mean train.epochs? (set at " + job + ": 3)"),
                problems(Optional.of(job), List.of()));
    }

    @Test
    void aMisspeltOverrideIsRejectedToo() {
        assertEquals(List.of("trian.epochs = 3: unknown key; did you mean train.epochs? (set at --set trian.epochs=3)"),
                problems(Optional.empty(), List.of("trian.epochs=3")));
    }

    @Test
    void anUnrelatedUnknownKeyGetsNoSuggestion() {
        assertEquals(List.of("colour = blue: unknown key (set at --set colour=blue)"),
                problems(Optional.empty(), List.of("colour=blue")));
    }

    @Test
    void aScalarWhereASectionBelongsIsRejected() {
        assertEquals(List.of("train = 3: must be a section { ... } (set at --set train=3)"),
                problems(Optional.empty(), List.of("train=3")));
    }

    @Test
    void freeFormMapsAcceptAnyKeys() throws Exception {
        Path job = file("spark.conf { spark.executor.memory = 2g, \"spark.sql.shuffle.partitions\" = 4 }\n"
                + "prepare.params { trainSize = 100, anything { nested = 1 } }\n");
        Config config = loader.load(Optional.of(job), List.of("spark.conf.\"spark.ui.enabled\"=false"));
        assertEquals("2g", config.getString("spark.conf.spark.executor.memory"));
        assertFalse(config.getBoolean("spark.conf.\"spark.ui.enabled\""));
        assertEquals(100, config.getInt("prepare.params.trainSize"));
    }

    @Test
    void aMissingFileIsAnError() {
        Path missing = dir.resolve("nope.conf");
        assertEquals(List.of("--config " + missing + ": no such readable file"), problems(Optional.of(missing), List.of()));
    }

    @Test
    void invalidHoconIsAnErrorNamingTheFile() throws Exception {
        Path job = file("train { epochs = 3\n");
        assertTrue(onlyProblem(job).startsWith("--config " + job + ": is not valid HOCON: "));
    }

    @Test
    void anUnresolvableSubstitutionIsAnError() throws Exception {
        Path job = file("data.path = ${nowhere}\n");
        String problem = onlyProblem(job);
        assertTrue(problem.startsWith("--config " + job + ": cannot be resolved: ") && problem.contains("nowhere"), problem);
    }

    private String onlyProblem(Path job) {
        List<String> problems = problems(Optional.of(job), List.of());
        assertEquals(1, problems.size(), problems::toString);
        return problems.get(0);
    }

    @Test
    void everyReferenceKeyAndSectionIsDocumented() {
        Config reference = loader.reference();
        List<KeyDoc> keys = KeyDoc.of(reference, List.copyOf(reference.root().keySet()));
        assertTrue(keys.size() > 60, "keys: " + keys.size());
        for (KeyDoc key : keys) {
            assertFalse(key.description().isBlank(), key.key() + " has no comment in reference.conf");
        }
        for (String section : reference.root().keySet()) {
            assertFalse(KeyDoc.describe(reference, section).isBlank(), section + " has no comment in reference.conf");
        }
    }

    @Test
    void keyDocsCarryDefaultAndDescription() {
        List<KeyDoc> docs = KeyDoc.of(loader.reference(), List.of("train.epochs", "data.path", "spark.conf"));
        assertEquals(List.of("train.epochs", "data.path", "spark.conf").stream().sorted().toList(),
                docs.stream().map(KeyDoc::key).sorted().toList());
        KeyDoc epochs = docs.stream().filter(d -> d.key().equals("train.epochs")).findFirst().orElseThrow();
        assertEquals("10", epochs.defaultValue());
        assertEquals("Passes over the training split.", epochs.description());
        KeyDoc conf = docs.stream().filter(d -> d.key().equals("spark.conf")).findFirst().orElseThrow();
        assertEquals("{}", conf.defaultValue());
    }
}
