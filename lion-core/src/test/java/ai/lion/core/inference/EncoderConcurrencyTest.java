package ai.lion.core.inference;

import static ai.lion.core.attention.LionAssertions.assertMatches;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.lion.core.attention.Form;
import ai.lion.core.attention.MaskType;
import ai.lion.core.models.Pooling;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** One encoder serves several threads, and callers inside an ND4J workspace get detached results. */
class EncoderConcurrencyTest {

    private static final int VOCABULARY = 10;

    private final TestModels models = new TestModels(17, DataType.FLOAT);
    private final LongSequenceEncoder encoder = LongSequenceEncoder.of(TestModels.weights(models.model(
            new TestModels.Shape(MaskType.SELECTIVE, 8, 2, 16, 2, false, VOCABULARY, 0, Pooling.MEAN, 3, List.of(), 0))),
            EncoderOptions.builder(Form.CHUNK).chunkSize(4).rowBlock(5).build());

    @Test
    void concurrentCallsGiveTheResultsOfSequentialOnes() throws Exception {
        List<INDArray> inputs = new ArrayList<>();
        List<INDArray> expected = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            INDArray ids = models.array(models.tokens(1, 20 + i, VOCABULARY));
            inputs.add(ids);
            expected.add(encoder.encode(ids, null).probabilities());
        }
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            List<Future<INDArray>> results = new ArrayList<>();
            for (INDArray ids : inputs) {
                results.add(threads.submit(() -> encoder.encode(ids, null).probabilities()));
            }
            for (int i = 0; i < inputs.size(); i++) {
                assertMatches(expected.get(i), results.get(i).get(), 0);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void resultsOutliveTheCallersWorkspace() {
        INDArray ids = models.array(models.tokens(2, 15, VOCABULARY));
        INDArray expected = encoder.encode(ids, null).probabilities();
        Encoding inside;
        try (MemoryWorkspace callers = Nd4j.getWorkspaceManager().getAndActivateWorkspace(
                WorkspaceConfiguration.builder().initialSize(1 << 20).build(), "CALLER")) {
            inside = encoder.encode(ids, null);
        }
        assertFalse(inside.probabilities().isAttached());
        assertMatches(expected, inside.probabilities(), 0);
    }
}
