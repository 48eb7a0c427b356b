package ai.lion.bench.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void defaultsAreTheIssuesMatrixOnLocalMasters() {
        BenchOptions options = BenchOptions.parse(new String[0]);
        assertEquals(Path.of("conf/fashion-mnist-lion-s.conf"), options.config());
        assertEquals(List.of(1, 2), options.workers());
        assertEquals(List.of(1, 5, 20), options.averaging());
        assertEquals(List.of(64, 128), options.batchSizes());
        assertEquals("local[2]", options.masterFor(2));
        assertEquals(BenchOptions.Dataset.AUTO, options.dataset());
        assertEquals(Optional.of(Path.of("conf/spark-defaults.conf")), options.sparkDefaults());
    }

    @Test
    void optionsOverrideTheDefaults() {
        BenchOptions options = BenchOptions.parse(new String[] {"--workers", "3", "--averaging", "1, 2",
            "--master", "local-cluster[3,1,2048]", "--dataset", "fashion-mnist", "--spark-defaults", "none",
            "--warmup-epochs", "0"});
        assertEquals(List.of(3), options.workers());
        assertEquals(List.of(1, 2), options.averaging());
        assertEquals("local-cluster[3,1,2048]", options.masterFor(3));
        assertEquals(BenchOptions.Dataset.FASHION_MNIST, options.dataset());
        assertEquals(Optional.empty(), options.sparkDefaults());
        assertEquals(0, options.warmupEpochs());
    }

    @Test
    void badValuesAreNamedWithTheirOption() {
        assertEquals("--splits takes integers of at least 1, got '0'", assertThrows(IllegalArgumentException.class,
                () -> BenchOptions.parse(new String[] {"--splits", "0"})).getMessage());
        assertEquals("--dataset must be auto, fashion-mnist or generated, got 'mnist'",
                assertThrows(IllegalArgumentException.class,
                        () -> BenchOptions.parse(new String[] {"--dataset", "mnist"})).getMessage());
        assertEquals("--batch needs a value", assertThrows(IllegalArgumentException.class,
                () -> BenchOptions.parse(new String[] {"--batch"})).getMessage());
    }
}
