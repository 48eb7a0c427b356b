package ai.lion.core.attention;

import static ai.lion.core.attention.LionAssertions.assertMatches;
import static ai.lion.core.attention.LionAssertions.tolerance;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs every golden file (folder: {@link GoldenVectors#directory()}) through every form and the
 * reference, in float64 and float32; one dynamic test per file × implementation × data type.
 */
class GoldenVectorTest {

    @TestFactory
    Stream<DynamicTest> everyFormReproducesEveryGoldenFile() {
        return GoldenVectors.files().stream().flatMap(GoldenVectorTest::testsOf);
    }

    private static Stream<DynamicTest> testsOf(Path file) {
        GoldenVector golden = GoldenVectors.read(file);
        Stream<Implementation> implementations = Stream.concat(
                Arrays.stream(Form.values()).map(form -> new Implementation(form.name(),
                        options -> LionAttention.of(form, options))),
                Stream.of(new Implementation("ReferenceLion", ReferenceLion::new)));
        return implementations.flatMap(implementation -> Stream.of(DataType.DOUBLE, DataType.FLOAT)
                .map(dataType -> DynamicTest.dynamicTest(
                        file.getFileName() + " " + implementation.name() + " " + dataType,
                        () -> check(golden, implementation, dataType))));
    }

    private static void check(GoldenVector golden, Implementation implementation, DataType dataType) {
        LionAttention attention = implementation.create().apply(golden.options());
        INDArray y = attention.apply(golden.inputs(dataType));
        assertEquals(dataType, y.dataType(), "output data type");
        assertMatches(golden.y(), new long[] {golden.batch(), golden.heads(), golden.length(), golden.dim()}, y,
                tolerance(dataType));
    }

    private record Implementation(String name, Function<LionOptions, LionAttention> create) {
    }
}
