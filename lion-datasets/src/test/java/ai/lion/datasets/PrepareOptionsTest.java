package ai.lion.datasets;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrepareOptionsTest {

    @Test
    void defaultsAndParameters() {
        PrepareOptions options = PrepareOptions.builder("hdfs://nn:8020/data/listops")
                .param("maxLength", 100).params(Map.of("trainSize", "5")).build();

        assertEquals("hdfs://nn:8020/data/listops", options.outputPath());
        assertFalse(options.overwrite());
        assertEquals(PrepareOptions.DEFAULT_SEED, options.seed());
        assertEquals(0, options.partitions());
        assertEquals(Map.of("maxLength", "100", "trainSize", "5"), options.params());
        assertThrows(UnsupportedOperationException.class, () -> options.params().put("x", "y"));
    }

    @Test
    void rejectsBadCommonOptions() {
        assertThrows(IllegalArgumentException.class, () -> PrepareOptions.builder(" "));
        assertThrows(IllegalArgumentException.class, () -> PrepareOptions.builder("out").partitions(-1));
    }

    @Test
    void parametersAreTypedAndUnknownOnesAreReported() {
        DatasetParams params = new DatasetParams(Map.of("size", "12", "ratio", "0.5", "name", " x ", "tpyo", "1"));

        assertEquals(12, params.integer("size", 0));
        assertEquals(0.5, params.decimal("ratio", 0));
        assertEquals("x", params.string("name", "default"));
        assertEquals(7, params.integer("absent", 7));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> params.rejectUnknown("demo"));
        assertEquals("unknown parameter(s) [tpyo] for dataset demo; accepted parameters are [absent, name, ratio, size]",
                e.getMessage());
    }

    @Test
    void badValuesNameTheParameter() {
        DatasetParams params = new DatasetParams(Map.of("size", "twelve", "ratio", "half"));

        assertEquals("parameter 'size' must be an integer, got 'twelve'",
                assertThrows(IllegalArgumentException.class, () -> params.integer("size", 0)).getMessage());
        assertEquals("parameter 'ratio' must be a number, got 'half'",
                assertThrows(IllegalArgumentException.class, () -> params.decimal("ratio", 0)).getMessage());
    }

    @Test
    void preparersAreFoundByName() {
        assertEquals(List.of("fashion-mnist", "listops", "mlm-text"), List.copyOf(DatasetPreparers.names()));
        for (String name : DatasetPreparers.names()) {
            assertEquals(name, DatasetPreparers.named(name).name());
        }
        assertSame(DatasetPreparers.named("listops"), DatasetPreparers.named("listops"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetPreparers.named("mnist"));
        assertEquals("unknown dataset 'mnist'; known datasets are [fashion-mnist, listops, mlm-text]", e.getMessage());
    }

    @Test
    void datasetConfigsRejectBadValuesByName() {
        assertEquals("patchSize must be positive, got 0", assertThrows(IllegalArgumentException.class,
                () -> FashionMnistConfig.fromParams(Map.of("patchSize", "0"))).getMessage());
        assertEquals("normalization must be 'unit' or 'standardize', got 'zscore'", assertThrows(
                IllegalArgumentException.class,
                () -> FashionMnistConfig.fromParams(Map.of("normalization", "zscore"))).getMessage());
        assertEquals("validationFraction must be in [0, 1), got 1.5", assertThrows(IllegalArgumentException.class,
                () -> TextMlmConfig.fromParams(Map.of("validationFraction", "1.5"))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> TextMlmConfig.fromParams(Map.of("documentStart", "(unclosed"))).getMessage()
                .startsWith("documentStart is not a regular expression"));
        assertEquals("trainSize must be positive, got 0", assertThrows(IllegalArgumentException.class,
                () -> ListOpsConfig.fromParams(Map.of("trainSize", "0"))).getMessage());
    }
}
