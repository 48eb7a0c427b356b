package ai.lion.core.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lion.core.testing.SingleThreadedNd4j;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;

/** The LionModel file: a round trip keeps everything, and files that are not LION models are refused by name. */
@ExtendWith(SingleThreadedNd4j.class)
class LionModelTest {

    private static final LionConfig CONFIG = LionModelsTest.tinyPatches().build();

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void roundTripKeepsParametersConfigAndProvenance(boolean withUpdater, @TempDir Path dir) throws IOException {
        LionModel original = trained();
        Path file = dir.resolve("model.zip");
        try (OutputStream out = Files.newOutputStream(file)) {
            original.write(out, withUpdater);
        }

        LionModel restored;
        try (InputStream in = Files.newInputStream(file)) {
            restored = LionModel.read(in, file.toString(), true);
        }

        assertEquals(CONFIG, restored.config());
        assertEquals(original.provenance(), restored.provenance());
        assertExactlyEqual(original.network().params(), restored.network().params(), "parameters");
        try (ZipFile zip = new ZipFile(file.toFile())) {
            assertEquals(withUpdater, zip.getEntry(ModelSerializer.UPDATER_BIN) != null, "updater state stored");
        }
        if (withUpdater) {
            assertExactlyEqual(original.network().getUpdater().getStateViewArray(),
                    restored.network().getUpdater().getStateViewArray(), "updater state");
        }
    }

    @Test
    void dl4jStillRestoresTheNetworkOfAModelFile(@TempDir Path dir) throws IOException {
        LionModel original = trained();
        Path file = dir.resolve("model.zip");
        try (OutputStream out = Files.newOutputStream(file)) {
            original.write(out, false);
        }

        ComputationGraph network = ModelSerializer.restoreComputationGraph(file.toFile(), false);

        assertExactlyEqual(original.network().params(), network.params(), "parameters");
    }

    @Test
    void plainDl4jZipIsRefusedNamingTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("plain.zip");
        ModelSerializer.writeModel(LionModels.build(CONFIG, AdamW.defaults()), file.toFile(), false);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LionModel.read(file.toFile(), file.toString(), false));

        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("has no " + LionModel.CONFIG_ENTRY + " entry"), e.getMessage());
        assertTrue(e.getMessage().contains("not written by this project"), e.getMessage());
    }

    @Test
    void theConfigAloneIsReadWithoutTheNetworkAndAPlainZipIsRefused(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("model.zip");
        try (OutputStream out = Files.newOutputStream(file)) {
            trained().write(out, true);
        }
        Path plain = dir.resolve("plain.zip");
        ModelSerializer.writeModel(LionModels.build(CONFIG, AdamW.defaults()), plain.toFile(), false);

        try (InputStream in = Files.newInputStream(file)) {
            assertEquals(CONFIG, LionModel.readConfig(in, "the file"));
        }
        try (InputStream in = Files.newInputStream(plain)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> LionModel.readConfig(in, "model path " + plain));
            assertTrue(e.getMessage().startsWith("model path " + plain + " has no lion-config.json entry"),
                    e.getMessage());
        }
    }

    @Test
    void fileThatIsNoZipIsRefusedNamingTheFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("model.zip"), "not a zip");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LionModel.read(file.toFile(), file.toString(), false));

        assertTrue(e.getMessage().startsWith(file + " is not a LION model file"), e.getMessage());
    }

    @Test
    void networkThatIsNotTheConfigsModelIsRefused() {
        LionConfig wider = CONFIG.toBuilder().width(16).build();
        ComputationGraph network = LionModels.build(CONFIG, AdamW.defaults());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LionModel(network, wider, Provenance.unknown()));

        long widerCount = LionModels.build(wider, AdamW.defaults()).numParams();
        assertTrue(e.getMessage().contains("has " + network.numParams() + " parameters"), e.getMessage());
        assertTrue(e.getMessage().contains("describes a model with " + widerCount), e.getMessage());
    }

    @Test
    void fileWhoseConfigDoesNotDescribeItsNetworkIsRefusedNamingTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("model.zip");
        try (OutputStream out = Files.newOutputStream(file)) {
            trained().write(out, false);
        }
        Path altered = replaceEntry(file, dir.resolve("altered.zip"), LionModel.CONFIG_ENTRY,
                CONFIG.toBuilder().depth(2).build().toJson());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LionModel.read(altered.toFile(), altered.toString(), false));

        assertTrue(e.getMessage().startsWith(altered + " has "), e.getMessage());
        assertTrue(e.getMessage().contains("depth 2"), e.getMessage());
    }

    @Test
    void provenanceJsonRoundTripsAndNamesAMissingField() {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("train", "hdfs:///data/train");
        data.put("validation", "hdfs:///data/validation");
        Provenance provenance = new Provenance(data, Map.of("training", 7L), "1.2.3",
                new Provenance.Position(3, 1, 12_345), Instant.parse("2026-01-02T03:04:05.678Z"));

        assertEquals(provenance, Provenance.fromJson(provenance.toJson()));
        assertEquals(List.of("train", "validation"),
                new ArrayList<>(Provenance.fromJson(provenance.toJson()).dataPaths().keySet()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Provenance.fromJson(provenance.toJson().replace("\"codeVersion\"", "\"version\"")));
        assertTrue(e.getMessage().contains("'codeVersion' is missing"), e.getMessage());
    }

    @Test
    void codeVersionIsTheProjectVersionFromTheBuild() {
        assertNotEquals("unknown", Provenance.CODE_VERSION);
        assertFalse(Provenance.CODE_VERSION.contains("${"), Provenance.CODE_VERSION);
        assertEquals(Provenance.CODE_VERSION, Provenance.unknown().codeVersion());
    }

    /** A tiny patch classifier after two steps (non-zero Adam moments), with a provenance. */
    private static LionModel trained() {
        LionModel model = LionModel.build(CONFIG, AdamW.defaults(), Provenance.of(
                Map.of("train", "/data/train"), Map.of("training", 5L), new Provenance.Position(1, 2, 96)));
        MultiDataSet data = SyntheticTasks.brightQuadrant((PatchInput) CONFIG.input(), 6, new Random(3));
        model.network().setLearningRate(1e-2);
        model.network().fit(data);
        model.network().fit(data);
        return model;
    }

    private static Path replaceEntry(Path from, Path to, String name, String text) throws IOException {
        try (ZipFile zip = new ZipFile(from.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().equals(name)) {
                    out.write(text.getBytes(StandardCharsets.UTF_8));
                } else {
                    try (InputStream in = zip.getInputStream(entry)) {
                        in.transferTo(out);
                    }
                }
                out.closeEntry();
            }
        }
        return to;
    }

    private static void assertExactlyEqual(INDArray expected, INDArray actual, String what) {
        assertEquals(0.0, expected.sub(actual).amaxNumber().doubleValue(), what);
    }
}
