package ai.lion.jobs.config;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigReaderTest {

    private enum Dataset { FASHION_MNIST, LISTOPS }

    private static ConfigReader reader(String hocon) {
        return new ConfigReader(ConfigFactory.parseString(hocon,
                ConfigParseOptions.defaults().setOriginDescription("job.conf")).resolve());
    }

    private static ConfigProblem onlyProblem(ConfigReader reader) {
        assertEquals(1, reader.problems().size(), () -> "problems: " + reader.problems());
        return reader.problems().get(0);
    }

    @Test
    void aValidIntegerIsReturnedAndRecordsNoProblem() {
        ConfigReader reader = reader("a = 3, b = \"4\"");
        assertEquals(3, reader.intAtLeast("a", 1));
        assertEquals(4, reader.intAtLeast("b", 1));
        assertTrue(reader.problems().isEmpty());
    }

    @Test
    void anIntegerBelowItsMinimumNamesKeyValueRuleAndOrigin() {
        ConfigReader reader = reader("train.epochs = -1");
        reader.intAtLeast("train.epochs", 1);
        assertEquals("train.epochs = -1: must be an integer >= 1 (set at job.conf: 1)", onlyProblem(reader).message());
    }

    @Test
    void nonIntegralOversizedAndNonNumericIntegersAreRejectedNotTruncated() {
        for (String value : List.of("3.5", "3000000000", "\"three\"", "[3]", "true")) {
            ConfigReader reader = reader("n = " + value);
            reader.intInRange("n", 0, 10);
            ConfigProblem problem = onlyProblem(reader);
            assertEquals("n", problem.key());
            assertEquals("must be an integer in [0, 10]", problem.rule(), value);
        }
    }

    @Test
    void numbersMustBeFiniteAndInRange() {
        ConfigReader reader = reader("lr = 0, wd = -0.1, drop = 1.0, nan = \"NaN\", inf = \"Infinity\", ok = \"2.5e-4\"");
        reader.positive("lr");
        reader.nonNegative("wd");
        reader.fraction("drop");
        reader.positive("nan");
        reader.positive("inf");
        assertEquals(2.5e-4, reader.positive("ok"));
        assertEquals(List.of("lr = 0: must be a number > 0 (set at job.conf: 1)",
                "wd = -0.1: must be a number >= 0 (set at job.conf: 1)",
                "drop = 1: must be a number in [0, 1) (set at job.conf: 1)",
                "nan = NaN: must be a number > 0 (set at job.conf: 1)",
                "inf = Infinity: must be a number > 0 (set at job.conf: 1)"),
                reader.problems().stream().map(ConfigProblem::message).toList());
    }

    @Test
    void booleansAreTrueOrFalseOnly() {
        ConfigReader reader = reader("a = true, b = \"false\", c = yes");
        assertTrue(reader.bool("a"));
        assertFalse(reader.bool("b"));
        reader.bool("c");
        assertEquals("c = yes: must be true or false (set at job.conf: 1)", onlyProblem(reader).message());
    }

    @Test
    void aMissingRequiredKeySaysItIsNotSet() {
        ConfigReader reader = reader("data.path = null");
        reader.path("data.path");
        assertEquals("data.path: not set; must be a path or URI such as data/x, file:/x or hdfs://namenode:8020/x",
                onlyProblem(reader).message());
    }

    @Test
    void optionalKeysMayBeNullButNotBlank() {
        ConfigReader reader = reader("a = null, b = \"  \", c = x");
        assertEquals(Optional.empty(), reader.optionalString("a"));
        assertEquals(Optional.of("x"), reader.optionalString("c"));
        reader.optionalString("b");
        assertEquals("b = \"  \": must be a non-empty string (set at job.conf: 1)", onlyProblem(reader).message());
    }

    @Test
    void pathsWithASchemeMustBeValidUris() {
        ConfigReader reader = reader("a = \"hdfs://nn:8020/x\", b = \"data/listops\", c = \"hdfs://bad host/x\", "
                + "d = \"hdfs://nn:8020\", e = \" data\"");
        assertEquals("hdfs://nn:8020/x", reader.path("a"));
        assertEquals("data/listops", reader.path("b"));
        reader.path("c");
        reader.path("d");
        reader.path("e");
        assertEquals(List.of("c", "d", "e"), reader.problems().stream().map(ConfigProblem::key).toList());
    }

    @Test
    void enumChoicesAreKebabCaseAndTheRuleListsThemAll() {
        ConfigReader reader = reader("a = fashion-mnist, b = LISTOPS, c = fashion_mnist, d = mnist");
        assertEquals(Dataset.FASHION_MNIST, reader.choice("a", Dataset.class));
        assertEquals(Dataset.LISTOPS, reader.choice("b", Dataset.class));
        assertEquals(Dataset.FASHION_MNIST, reader.choice("c", Dataset.class));
        reader.choice("d", Dataset.class);
        assertEquals("d = mnist: must be one of fashion-mnist, listops (set at job.conf: 1)", onlyProblem(reader).message());
    }

    @Test
    void wordChoicesAreExact() {
        ConfigReader reader = reader("a = rnn, b = RNN");
        assertEquals("rnn", reader.oneOf("a", List.of("auto", "rnn")));
        reader.oneOf("b", List.of("auto", "rnn"));
        assertEquals("b = RNN: must be one of auto, rnn (set at job.conf: 1)", onlyProblem(reader).message());
    }

    @Test
    void freeFormMapsAreFlattenedToDottedKeys() {
        ConfigReader reader = reader("m { spark.executor.memory = 2g, \"spark.sql.shuffle.partitions\" = 8, "
                + "spark.ui.enabled = false }");
        assertEquals(Map.of("spark.executor.memory", "2g", "spark.sql.shuffle.partitions", "8",
                "spark.ui.enabled", "false"), reader.flatStringMap("m"));
        assertTrue(reader.problems().isEmpty());
    }

    @Test
    void freeFormMapsHoldScalarsOnly() {
        ConfigReader reader = reader("m { \"spark.jars\" = [a, b] }, n = 3");
        reader.flatStringMap("m");
        reader.flatStringMap("n");
        assertEquals(List.of("m.\"spark.jars\" = [\"a\",\"b\"]: must be a string, number or boolean (set at job.conf: 1)",
                "n = 3: must be an object of key = value pairs (set at job.conf: 1)"),
                reader.problems().stream().map(ConfigProblem::message).toList());
    }

    @Test
    void everyBadKeyIsReportedOnceAndTheExceptionCarriesThemAll() {
        ConfigReader reader = reader("a = 0, b = x");
        reader.intAtLeast("a", 1);
        reader.intAtLeast("a", 1);
        reader.bool("b");
        reader.reject("a", "another rule");
        assertFalse(reader.valid("a"));
        assertTrue(reader.valid("z"));
        assertEquals(List.of("a = 0: must be an integer >= 1 (set at job.conf: 1)",
                "b = x: must be true or false (set at job.conf: 1)"), TestConfigs.thrownMessages(reader));
    }

    @Test
    void sectionProblemsNameTheSectionAndMarkItInvalid() {
        ConfigReader reader = reader("model.width = 10");
        reader.rejectSection("model", "heads must divide width");
        assertEquals("model: heads must divide width", onlyProblem(reader).message());
        assertFalse(reader.validUnder("model"));
        assertTrue(reader.validUnder("mod"));
    }

    @Test
    void crossKeyRejectionsWorkForUnsetKeysToo() {
        ConfigReader reader = reader("a = null");
        reader.reject("a", "must be set when b is");
        assertEquals("a: not set; must be set when b is", onlyProblem(reader).message());
    }
}
