package ai.lion.bench;

import ai.lion.core.attention.Form;
import ai.lion.core.attention.MaskType;
import ai.lion.core.layers.LionAttentionLayer;
import ai.lion.core.layers.LionAttentionSpec;
import ai.lion.core.layers.LionBlockLayer;
import ai.lion.core.runtime.CachingShapeInfoProvider;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.SelfAttentionLayer;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Forward + backward time of one training step ({@link TrainingStep}) through a single sequence
 * layer, float32, B = 8, C = 256, H = 4 heads (d = 64), next to Deeplearning4j's own softmax
 * self-attention of the same width:
 * <ul>
 *   <li>{@link #lion}: {@link LionBlockLayer} (pre-LN, LION attention, residual, LN, MLP with ratio 4,
 *       residual) or {@link LionAttentionLayer} alone (qkv projection, LION attention, output
 *       projection), for every mask × training form, CHUNK with chunks of {@value #CHUNK_SIZE};</li>
 *   <li>{@link #selfAttention}: {@link SelfAttentionLayer} with nIn = nOut = C, H heads and
 *       {@code projectInput(true)} (qkv and output projections; DL4J has no transformer block).</li>
 * </ul>
 * A case whose estimated B·H·L² arrays exceed {@value #MEMORY_BUDGET_GB} GiB is skipped with a
 * {@link SkippedCase}. Each case prints the peak resident set of its fork.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Dorg.bytedeco.javacpp.maxbytes=13g",
        "-Dorg.bytedeco.javacpp.maxphysicalbytes=15g", CachingShapeInfoProvider.JVM_FLAG})
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 2)
public class LionBlockBenchmark {

    static final int BATCH = 8;
    static final int WIDTH = 256;
    static final int HEADS = 4;
    static final int CHUNK_SIZE = 64;
    static final long MEMORY_BUDGET_GB = 12;

    /** The LION layer under test. */
    public enum LionLayer {
        /** {@link LionBlockLayer}: the whole pre-LN transformer block. */
        BLOCK,
        /** {@link LionAttentionLayer}: projections and LION attention only. */
        ATTENTION_ONLY
    }

    /** What every case shares: the sequence length, the memory check and the training step. */
    @State(Scope.Benchmark)
    public abstract static class Case {

        @Param({"256", "1024", "4096"})
        public int length;

        TrainingStep step;

        /**
         * Builds the step for {@code layer}, or throws {@link SkippedCase} if {@code squareArrays}
         * B·H·L² float arrays (the peak of the L² terms) would exceed the memory budget.
         */
        void prepare(String name, int squareArrays, Layer layer) {
            double gib = (double) squareArrays * BATCH * HEADS * length * length * Float.BYTES / (1L << 30);
            if (gib > MEMORY_BUDGET_GB) {
                throw new SkippedCase(String.format("skipped: %s at L=%d needs about %.0f GiB (%d arrays of "
                        + "B*H*L^2 floats), over the %d GiB budget", name, length, gib, squareArrays,
                        MEMORY_BUDGET_GB));
            }
            step = new TrainingStep(layer, BATCH, WIDTH, length);
        }

        @TearDown(Level.Trial)
        public void reportMemory() {
            System.out.println("peak resident set of this fork: " + PeakMemory.residentMiB() + " MiB");
        }
    }

    /** A LION layer: block or attention only, per mask and training form. */
    public static class LionCase extends Case {

        @Param({"BLOCK", "ATTENTION_ONLY"})
        public LionLayer layer;

        @Param({"LIT", "DECAY", "SELECTIVE"})
        public MaskType mask;

        @Param({"ATTENTION", "CHUNK"})
        public Form form;

        @Setup(Level.Trial)
        public void setUp() {
            LionAttentionSpec spec = LionAttentionSpec.builder()
                    .heads(HEADS).maskType(mask).form(form).chunkSize(CHUNK_SIZE).build();
            Layer built = layer == LionLayer.BLOCK
                    ? new LionBlockLayer.Builder().attention(spec).mlpRatio(4).build()
                    : new LionAttentionLayer.Builder().attention(spec).build();
            prepare(layer + " " + mask + " " + form, squareArrays(), built);
        }

        /**
         * Live B·H·L² float arrays at the peak of a training step, counted from the graph: none for
         * CHUNK (its blocks are B·H·L·c); for ATTENTION, LIT keeps the scores for the backward pass and
         * adds their gradient and a temporary (3); DECAY and SELECTIVE also keep the two log-decay
         * differences, their minimum, its exp and the masked scores, and need gradients of most (12).
         */
        private int squareArrays() {
            if (form == Form.CHUNK) {
                return 0;
            }
            return mask == MaskType.LIT ? 3 : 12;
        }
    }

    /**
     * Deeplearning4j's multi-head softmax self-attention with input and output projections. Its
     * fused attention op keeps the softmax weights, and its backward op recomputes scores and
     * weights and forms their gradients: about 5 B·H·L² float arrays.
     */
    public static class SelfAttentionCase extends Case {

        @Setup(Level.Trial)
        public void setUp() {
            prepare("SelfAttentionLayer", 5, new SelfAttentionLayer.Builder()
                    .nIn(WIDTH).nOut(WIDTH).nHeads(HEADS).projectInput(true).build());
        }
    }

    @Benchmark
    public double lion(LionCase c) {
        return c.step.run();
    }

    @Benchmark
    public double selfAttention(SelfAttentionCase c) {
        return c.step.run();
    }
}
