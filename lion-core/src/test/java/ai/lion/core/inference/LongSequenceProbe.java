package ai.lion.core.inference;

import ai.lion.core.attention.Form;
import ai.lion.core.models.AdamW;
import ai.lion.core.models.LionConfig;
import ai.lion.core.models.LionModels;
import ai.lion.core.models.LionVariant;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Child-JVM entry point of {@link LongSequenceMemoryTest}: builds a freshly initialised LION token
 * classifier with {@link LionModels}, encodes one random token sequence with
 * {@link LongSequenceEncoder}, and prints the result and the process's peak memory as
 * {@code key=value} lines.
 *
 * <p>Arguments: {@code variant form length width heads depth}.
 */
public final class LongSequenceProbe {

    private static final int VOCABULARY = 1000;

    private LongSequenceProbe() {
    }

    public static void main(String[] args) throws IOException {
        LionVariant variant = LionVariant.valueOf(args[0]);
        Form form = Form.valueOf(args[1]);
        int length = Integer.parseInt(args[2]);
        ComputationGraph graph = LionModels.build(LionConfig.builder().variant(variant).width(Integer.parseInt(args[3]))
                .heads(Integer.parseInt(args[4])).depth(Integer.parseInt(args[5])).tokens(VOCABULARY, length)
                .numClasses(2).build(), AdamW.defaults());
        float[] ids = new float[length];
        Random random = new Random(1);
        for (int t = 0; t < length; t++) {
            ids[t] = random.nextInt(VOCABULARY);
        }
        INDArray input = Nd4j.create(ids, new long[] {1, length}, DataType.FLOAT);
        LongSequenceEncoder encoder = LongSequenceEncoder.forGraph(graph, EncoderOptions.of(form));

        AtomicLong offHeap = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                offHeap.accumulateAndGet(Pointer.physicalBytes(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        long started = System.nanoTime();
        Encoding encoding = encoder.encode(input, null);
        double seconds = (System.nanoTime() - started) / 1e9;
        sampler.interrupt();

        System.out.println("probabilities=" + Arrays.toString(encoding.probabilities().toFloatVector()));
        System.out.println("embeddingWidth=" + encoding.embeddings().size(1));
        System.out.printf(Locale.ROOT, "seconds=%.1f%n", seconds);
        System.out.println("peakHeapBytes=" + peakHeap());
        System.out.println("peakPhysicalBytes=" + offHeap.get());
        System.out.println("peakRssBytes=" + peakRss());
    }

    /** The sum of the heap pools' peak usage. */
    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    /** VmHWM of this process: its peak resident set size. */
    private static long peakRss() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmHWM line in /proc/self/status");
    }
}
