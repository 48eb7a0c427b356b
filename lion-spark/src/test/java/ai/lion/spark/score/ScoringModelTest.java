package ai.lion.spark.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Concurrent callers of one {@link ScoringModel} get their own graphs over one parameter array. */
class ScoringModelTest {

    @Test
    void concurrentCallersGetDistinctGraphsSharingTheParametersAndTheSameOutputs() throws Exception {
        ComputationGraph graph = TinyClassifiers.tokens(20, 3, 4);
        ScoringModel model = new ScoringModel(graph, ModelSignature.of(graph.getConfiguration()), null);
        int callers = 3;
        INDArray[] inputs = new INDArray[callers];
        float[][] expected = new float[callers][];
        for (int i = 0; i < callers; i++) {
            inputs[i] = TinyClassifiers.tokenInput(i + 1, 2 * i, 19 - i, 7);
            expected[i] = TinyClassifiers.probabilities(graph, inputs[i]);
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
