package ai.lion.bench;

import java.util.concurrent.TimeUnit;

import ai.lion.core.models.AdamW;
import ai.lion.core.models.LionConfig;
import ai.lion.core.models.LionModels;
import ai.lion.core.models.LionVariant;
import ai.lion.core.runtime.CachingShapeInfoProvider;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One {@code fit} step (forward, loss, backward and the AdamW update) of the model the Fashion-MNIST
 * demo trains ({@code conf/fashion-mnist-lion-s.conf}): a LION-S patch classifier of width 128, depth 2,
 * 4 heads, MLP ratio 2 and learned positions on 16 patches of 7×7 pixels plus the cls token, float32,
 * random standardised pixels, and the softmax Transformer of the same shape beside it. This is what
 * each Spark worker repeats, so examples per second of the demo's training follow from it (batch
 * size / step time, per worker). Each benchmark thread has its own graph, so {@code -t 2} times two
 * workers fitting at once in one JVM, as two Spark task threads of one executor do. The full-size model of
 * {@code conf/fashion-mnist-lion-s-quality.conf} (without its drop-path) is {@code -p patchSize=4 -p depth=6 -p mlpRatio=4}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
// no JavaCPP physical-memory cap and the shape-information cache, as the jobs run (bin/lion, conf/spark-defaults.conf)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0",
        CachingShapeInfoProvider.JVM_FLAG})
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@State(Scope.Thread)
public class PatchClassifierFitBenchmark {

    static final int IMAGE_SIZE = 28;
    static final int CLASSES = 10;

    /** Side of a square patch in pixels: 7 for the demo, 4 for {@code conf/fashion-mnist-lion-s-quality.conf}. */
    @Param("7")
    public int patchSize;

    /** LION blocks: 2 for the demo, 6 for the full-size configuration. */
    @Param("2")
    public int depth;

    /** Hidden width of each block's MLP over the model width: 2 for the demo, 4 for the full-size configuration. */
    @Param("2")
    public int mlpRatio;

    /** Examples per step (the demo's {@code train.batch-size-per-worker} is 64). */
    @Param({"64", "128"})
    public int batch;

    /** The sequence mixer: the demo's LION-S, or the softmax baseline of the same shape. */
    @Param({"SELECTIVE", "SOFTMAX"})
    public LionVariant variant;

    private ComputationGraph graph;
    private DataSet minibatch;

    @Setup
    public void setUp() {
        LionConfig config = LionConfig.builder()
                .variant(variant).width(128).depth(depth).heads(4).mlpRatio(mlpRatio)
                .positionalEmbedding(true).numClasses(CLASSES).patches(IMAGE_SIZE, patchSize, 1)
                .build();
        graph = LionModels.build(config, AdamW.defaults());
        graph.setLearningRate(4e-3);
        int patches = (IMAGE_SIZE / patchSize) * (IMAGE_SIZE / patchSize);
        Nd4j.getRandom().setSeed(42);
        INDArray pixels = Nd4j.randn(DataType.FLOAT, batch, patchSize * patchSize, patches);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, batch, CLASSES);
        for (int i = 0; i < batch; i++) {
            labels.putScalar(i, i % CLASSES, 1);
        }
        minibatch = new DataSet(pixels, labels);
    }

    @Benchmark
    public double fit() {
        graph.fit(minibatch);
        return graph.score();
    }
}
