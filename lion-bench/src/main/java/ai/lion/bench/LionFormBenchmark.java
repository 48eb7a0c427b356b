package ai.lion.bench;

import ai.lion.core.attention.Form;
import ai.lion.core.attention.LionAttention;
import ai.lion.core.attention.LionInputs;
import ai.lion.core.attention.LionOptions;
import ai.lion.core.attention.MaskType;
import ai.lion.core.runtime.CachingShapeInfoProvider;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Forward time of the LION operator for every mask × form, float32, B = 8, H = 4, d = 64.
 *
 * <p>A case whose estimated working set exceeds {@value #MEMORY_BUDGET_GB} GB (ATTENTION at
 * L = 16384: two B·H·L² float arrays, 69 GB) is skipped: its {@code @Setup} throws
 * {@link SkippedCase}, which JMH reports as a failure of that one case and then moves on; the case
 * has no row in the results.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Dorg.bytedeco.javacpp.maxbytes=8g",
        "-Dorg.bytedeco.javacpp.maxphysicalbytes=11g", CachingShapeInfoProvider.JVM_FLAG})
@Warmup(iterations = 2)
@Measurement(iterations = 3)
public class LionFormBenchmark {

    static final int BATCH = 8;
    static final int HEADS = 4;
    static final int DIM = 64;
    static final long MEMORY_BUDGET_GB = 8;

    @Param({"LIT", "DECAY", "SELECTIVE"})
    public MaskType mask;

    @Param({"ATTENTION", "RNN", "CHUNK"})
    public Form form;

    @Param({"256", "1024", "4096", "16384"})
    public int length;

    private LionAttention attention;
    private LionInputs inputs;

    @Setup(Level.Trial)
    public void setUp() {
        long bytes = estimatedBytes(form, (long) BATCH * HEADS, length, DIM);
        if (bytes > MEMORY_BUDGET_GB << 30) {
            throw new SkippedCase("skipped: " + mask + " " + form + " at L=" + length + " needs about "
                    + (bytes >> 30) + " GB, over the " + MEMORY_BUDGET_GB + " GB budget");
        }
        Nd4j.getRandom().setSeed(42);
        DataType type = DataType.FLOAT;
        // q and k positive, as after the LION feature maps; decays in the range a trained model uses
        LionInputs.Builder builder = LionInputs.builder(mask)
                .q(Nd4j.rand(type, BATCH, HEADS, length, DIM).addi(0.05))
                .k(Nd4j.rand(type, BATCH, HEADS, length, DIM).addi(0.05))
                .v(Nd4j.rand(type, BATCH, HEADS, length, DIM).subi(0.5));
        if (mask == MaskType.DECAY) {
            builder.lambda(Nd4j.rand(type, HEADS).muli(0.5).addi(0.5));
        } else if (mask == MaskType.SELECTIVE) {
            builder.logA(Transforms.log(Nd4j.rand(type, BATCH, HEADS, length).muli(0.95).addi(0.05), false));
        }
        inputs = builder.build();
        attention = LionAttention.of(form, LionOptions.defaults());
    }

    @Benchmark
    public INDArray forward() {
        return attention.apply(inputs);
    }

    /** Rough peak working set of one forward call in bytes (float32). */
    static long estimatedBytes(Form form, long sequences, long length, long dim) {
        long perPosition = 8 * sequences * length * (dim + 1) * Float.BYTES;
        long scores = form == Form.ATTENTION ? 2 * sequences * length * length * Float.BYTES : 0;
        return perPosition + scores;
    }
}
