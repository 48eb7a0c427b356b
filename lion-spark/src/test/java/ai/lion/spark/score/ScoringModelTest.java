package ai.lion.spark.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lion.core.models.AdamW;
import ai.lion.core.models.LionConfig;
import ai.lion.core.models.LionModel;
import ai.lion.core.models.LionModels;
import ai.lion.core.models.LionVariant;
import ai.lion.core.models.Provenance;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Concurrent callers of one {@link ScoringModel} get their own graphs over one parameter array, and
 * callers on ever new threads (as Spark's task threads are) leave no per-thread native memory behind.
 */
class ScoringModelTest {

    @Test
    void concurrentCallersGetDistinctGraphsSharingTheParametersAndTheSameOutputs() throws Exception {
        LionModel lion = TinyClassifiers.tokens(20, 3, 4);
        ComputationGraph graph = lion.network();
        ScoringModel model = new ScoringModel(lion);
        int callers = 3;
        INDArray[] inputs = new INDArray[callers];
        float[][] expected = new float[callers][];
        for (int i = 0; i < callers; i++) {
            inputs[i] = TinyClassifiers.tokenInput(i + 1, 2 * i, 19 - i, 7);
            expected[i] = TinyClassifiers.probabilities(lion, inputs[i]);
        }
        CountDownLatch allInside = new CountDownLatch(callers);
        ExecutorService threads = Executors.newFixedThreadPool(callers);
        try {
            List<Future<Object[]>> calls = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                INDArray input = inputs[i];
                calls.add(threads.submit(() -> model.withGraph(g -> {
                    allInside.countDown();
                    await(allInside);
                    return new Object[] {g, g.outputSingle(false, input).toFloatVector()};
                })));
            }
            Set<ComputationGraph> graphs = new HashSet<>();
            for (int i = 0; i < callers; i++) {
                Object[] call = calls.get(i).get(30, TimeUnit.SECONDS);
                ComputationGraph lent = (ComputationGraph) call[0];
                graphs.add(lent);
                assertEquals(graph.params().data().address(), lent.params().data().address(),
                        "replica parameters are the loaded array");
                assertArrayEquals(expected[i], (float[]) call[1], 1e-6f);
            }
            assertEquals(callers, graphs.size(), "each concurrent caller had its own graph");
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void workOfSuccessiveCallerThreadsRunsOnOneThreadOfTheModel() throws Exception {
        LionModel lion = TinyClassifiers.tokens(20, 3, 4);
        INDArray input = TinyClassifiers.tokenInput(3, 1, 4);
        float[] expected = TinyClassifiers.probabilities(lion, input);
        ScoringModel model = new ScoringModel(lion);
        Set<Thread> callers = new HashSet<>();
        Set<Thread> runners = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            Object[] call = onNewThread(() -> {
                Thread caller = Thread.currentThread();
                return model.withGraph(g -> new Object[] {
                        caller, Thread.currentThread(), g.outputSingle(false, input).toFloatVector()});
            });
            callers.add((Thread) call[0]);
            runners.add((Thread) call[1]);
            assertArrayEquals(expected, (float[]) call[2], 1e-6f);
        }
        assertEquals(4, callers.size(), "each call came from a new thread");
        assertTrue(Collections.disjoint(callers, runners), "the work ran on a thread of the model, not the caller's");
        assertEquals(1, runners.size(), "one graph thread ran the work of all callers: " + runners);
    }

    /**
     * A LION classifier (SameDiff layers) run three times from each of eight successive short-lived
     * threads. Run on the callers' threads, every thread left its workspaces and SameDiff sessions
     * behind: the resident set outside the heap grew by 361 MiB over threads 2 to 8 (about 50 MiB a
     * thread); run on the model's own thread it grew by 44 MiB.
     */
    @Test
    void callersOnNewThreadsLeaveNoNativeMemoryBehind() throws Exception {
        LionConfig config = LionConfig.builder().variant(LionVariant.SELECTIVE).width(32).depth(2).heads(4)
                .mlpRatio(4).tokens(1000, 128).numClasses(2).build();
        ComputationGraph graph = LionModels.build(config, AdamW.defaults());
        ScoringModel model = new ScoringModel(new LionModel(graph, config, Provenance.unknown()));
        INDArray tokens = Nd4j.rand(DataType.FLOAT, 8, 1, 128).muli(999).castTo(DataType.INT32)
                .castTo(DataType.FLOAT);
        INDArray mask = Nd4j.ones(DataType.FLOAT, 8, 128);
        List<String> output = graph.getConfiguration().getNetworkOutputs();
        INDArray[] features = {tokens};
        INDArray[] masks = {mask};
        Callable<INDArray[]> threeForwardPasses = () -> {
            INDArray[] outputs = null;
            for (int pass = 0; pass < 3; pass++) {
                outputs = model.withGraph(g -> g.output(output, false, features, masks));
            }
            return outputs;
        };

        onNewThread(threeForwardPasses);
        long before = nativeResidentBytes();
        for (int i = 1; i < 8; i++) {
            onNewThread(threeForwardPasses);
        }
        long grown = nativeResidentBytes() - before;

        assertTrue(grown < 150L << 20, "the resident set outside the heap grew by " + (grown >> 20)
                + " MiB over 7 caller threads");
    }

    /** Calls {@code call} on a new thread that ends when it returns. */
    private static <T> T onNewThread(Callable<T> call) throws Exception {
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            return thread.submit(call).get(120, TimeUnit.SECONDS);
        } finally {
            thread.shutdown();
            assertTrue(thread.awaitTermination(30, TimeUnit.SECONDS));
        }
    }

    /** The process's resident set minus the heap the JVM has committed. */
    private static long nativeResidentBytes() {
        System.gc();
        return Pointer.physicalBytes() - Runtime.getRuntime().totalMemory();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the callers never overlapped");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
