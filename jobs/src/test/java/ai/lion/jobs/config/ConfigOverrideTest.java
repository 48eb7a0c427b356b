package ai.lion.jobs.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigOverrideTest {

    @Test
    void integersDecimalsBooleansAndNullAreTyped() throws Exception {
        assertEquals(ConfigValueType.NUMBER, ConfigOverride.parse("train.epochs=3").getValue("train.epochs").valueType());
        assertEquals(3, ConfigOverride.parse("train.epochs=3").getInt("train.epochs"));
        assertEquals(-0.5e-3, ConfigOverride.parse("train.learning-rate=-0.5e-3").getDouble("train.learning-rate"));
        assertFalse(ConfigOverride.parse("data.truncate=false").getBoolean("data.truncate"));
        Config nulled = ConfigOverride.parse("data.validation-split=null");
        assertTrue(nulled.hasPathOrNull("data.validation-split"));
        assertTrue(nulled.getIsNull("data.validation-split"));
    }

    @Test
    void plainValuesAreTakenVerbatimEvenWithHoconSyntaxInThem() throws Exception {
        assertEquals("hdfs://namenode:8020/data/listops",
                ConfigOverride.parse("data.path=hdfs://namenode:8020/data/listops").getString("data.path"));
        assertEquals("runs/a#1", ConfigOverride.parse("checkpoint.path=runs/a#1").getString("checkpoint.path"));
        assertEquals("local[*]", ConfigOverride.parse("spark.master=local[*]").getString("spark.master"));
        assertEquals("1e5x", ConfigOverride.parse("spark.app-name=1e5x").getString("spark.app-name"));
    }

    @Test
    void quotedKeySegmentsMayContainDotsAndTheValueMayContainEquals() throws Exception {
        Config config = ConfigOverride.parse("spark.conf.\"spark.driver.extraJavaOptions\"=-Da=b -Dc=d");
        assertEquals("-Da=b -Dc=d", config.getConfig("spark.conf").getString("\"spark.driver.extraJavaOptions\""));
    }

    @Test
    void listsObjectsAndQuotedStringsAreParsedAsHocon() throws Exception {
        assertEquals(List.of("id", "label"), ConfigOverride.parse("score.keep-columns=[id, label]")
                .getStringList("score.keep-columns"));
        assertEquals(512, ConfigOverride.parse("prepare.params={ maxLength = 512 }").getInt("prepare.params.maxLength"));
        assertEquals("42", ConfigOverride.parse("spark.app-name=\"42\"").getString("spark.app-name"));
        assertEquals(ConfigValueType.STRING,
                ConfigOverride.parse("spark.app-name=\"42\"").getValue("spark.app-name").valueType());
    }

    @Test
    void theOriginNamesTheOverride() throws Exception {
        assertEquals("--set train.epochs=3",
                ConfigOverride.parse("train.epochs=3").getValue("train.epochs").origin().description());
    }

    @Test
    void malformedOverridesAreRejectedWithTheOverrideNamed() {
        assertMessage("--set train.epochs: must be KEY=VALUE, e.g. train.epochs=3", "train.epochs");
        assertMessage("--set =3: must be KEY=VALUE, e.g. train.epochs=3", "=3");
        assertMessage("--set train..epochs=3: the key 'train..epochs' is not a valid path, "
                + "e.g. train.epochs or spark.conf.\"spark.x\"", "train..epochs=3");
        assertMessage("--set score.keep-columns=[id,: the value is not valid HOCON", "score.keep-columns=[id,");
    }

    private static void assertMessage(String expected, String override) {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> ConfigOverride.parse(override));
        assertEquals(List.of(expected), e.problems().stream().map(ConfigProblem::message).toList());
    }
}
