package ai.lion.bench;

import java.util.concurrent.TimeUnit;

import ai.lion.core.runtime.CachingShapeInfoProvider;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What ND4J costs per call on an 8×8 array, where the arithmetic is negligible: a new array, a
 * reshaped view, an in-place scalar add and a row sum. A training step of the demo model makes
 * about 570 such calls, so this is the part of a step that does not shrink with the model. Run it
 * as the jobs run ({@link CachingShapeInfoProvider#JVM_FLAG}), or without the shape cache by
 * replacing the fork's flags ({@code -jvmArgsAppend "-Xmx2g -Dorg.bytedeco.javacpp.maxPhysicalBytes=0"}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0",
        CachingShapeInfoProvider.JVM_FLAG})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class Nd4jOpOverheadBenchmark {

    private INDArray small;

    @Setup
    public void setUp() {
        small = Nd4j.rand(DataType.FLOAT, 8, 8);
    }

    @Benchmark
    public INDArray create() {
        return Nd4j.createUninitialized(DataType.FLOAT, 8, 8);
    }

    @Benchmark
    public INDArray reshape() {
        return small.reshape('c', 4, 16);
    }

    @Benchmark
    public INDArray addScalarInPlace() {
        return small.addi(1e-3f);
    }

    @Benchmark
    public INDArray rowSums() {
        return small.sum(1);
    }
}
