package ai.lion.jobs;

import ai.lion.datasets.ByteTokenizer;
import ai.lion.datasets.FashionMnistPreparer;
import ai.lion.datasets.ListOpsPreparer;
import ai.lion.datasets.ListOpsVocabulary;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The job configurations in conf/ are valid for every command that reads them, and fit their datasets. */
class ExampleConfigsTest {

    private static final Path CONF = Path.of(System.getProperty("lion.project.root"), "conf");

    static Stream<Path> jobConfigs() throws IOException {
        try (Stream<Path> files = Files.list(CONF)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".conf"))
                    .filter(f -> !f.getFileName().toString().equals("spark-defaults.conf"))
                    .sorted().toList().stream();
        }
    }

    /** The configuration {@code command} checked and printed for {@code file}. */
    private static Config checked(String command, Path file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ExitCode exit = LionJobs.run(new String[] {command, "--config", file.toString(), "--print-config"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(ExitCode.OK, exit, () -> command + " " + file + ":\n" + err.toString(StandardCharsets.UTF_8));
        return ConfigFactory.parseString(out.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @MethodSource("jobConfigs")
    void isValidForPrepareTrainAndEvaluate(Path file) {
        for (String command : List.of("prepare", "train", "evaluate")) {
            checked(command, file);
        }
    }

    @Test
    void theExamplesAreTheOnesTheReadmePromises() throws IOException {
        assertEquals(List.of("fashion-mnist-lion-d-curve.conf", "fashion-mnist-lion-d.conf", "fashion-mnist-lion-lit.conf",
                        "fashion-mnist-lion-s-quality.conf", "fashion-mnist-lion-s.conf", "listops-lion-d.conf",
                        "listops-lion-s.conf", "listops-softmax.conf", "mlm-lion-s.conf"),
                jobConfigs().map(f -> f.getFileName().toString()).toList());
    }

    @Test
    void theFashionMnistModelsReadWhatThePreparerWrites() {
        for (String variant : List.of("lit", "d", "d-curve", "s")) {
            Path file = CONF.resolve("fashion-mnist-lion-" + variant + ".conf");
            Config train = checked("train", file);
            Config prepare = checked("prepare", file);
            assertEquals(FashionMnistPreparer.NAME, prepare.getString("prepare.dataset"));
            assertEquals(FashionMnistPreparer.NUM_CLASSES, train.getInt("model.num-classes"));
            assertEquals(28, train.getInt("model.input.image-size"));
            assertEquals(train.getInt("model.input.patch-size"), prepare.getInt("prepare.params.patchSize"));
            assertEquals(prepare.getString("data.path"), train.getString("data.path"));
        }
        assertEquals("decay-curve", checked("train", CONF.resolve("fashion-mnist-lion-d-curve.conf")).getString("model.variant"));
    }

    @Test
    void theListOpsModelsReadWhatThePreparerWrites() {
        for (String name : List.of("lion-d", "lion-s", "softmax")) {
            Path file = CONF.resolve("listops-" + name + ".conf");
            Config train = checked("train", file);
            Config prepare = checked("prepare", file);
            assertEquals(ListOpsPreparer.NAME, prepare.getString("prepare.dataset"));
            assertEquals(ListOpsPreparer.NUM_CLASSES, train.getInt("model.num-classes"));
            assertEquals(ListOpsVocabulary.SIZE, train.getInt("model.input.vocab-size"));
            assertEquals(ListOpsVocabulary.PAD, train.getInt("data.pad-id"));
            assertEquals(train.getInt("model.input.max-length"), prepare.getInt("prepare.params.maxLength"));
            assertEquals(prepare.getString("data.path"), train.getString("data.path"));
        }
    }

    @Test
    void theMlmModelReadsWhatThePreparerWrites() {
        Path file = CONF.resolve("mlm-lion-s.conf");
        Config train = checked("train", file);
        assertEquals("mlm", train.getString("model.task"));
        assertEquals(ByteTokenizer.VOCAB_SIZE, train.getInt("model.input.vocab-size"));
        assertEquals(ByteTokenizer.MASK, train.getInt("data.mask-token-id"));
        assertEquals(ByteTokenizer.PAD, train.getInt("data.pad-id"));
        assertEquals(train.getInt("model.input.max-length"), checked("prepare", file).getInt("prepare.params.maxLength"));
        assertEquals("validation", checked("evaluate", file).getString("evaluate.split"));
    }
}
