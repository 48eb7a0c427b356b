package ai.lion.spark.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.lossfunctions.impl.LossSparseMCXENT;

/**
 * The minibatch layout is the one DL4J's built-in sequence layers take: a ComputationGraph fits each
 * kind of minibatch, and padding under a zero feature mask does not change a sequence's output.
 */
class Dl4jCompatibilityTest {

    private static ComputationGraph graph(Layer first, Layer output) {
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder()
                .seed(1).updater(new Adam(1e-2)).graphBuilder()
                .addInputs("in")
                .addLayer("first", first, "in")
                .addLayer("out", output, "first")
                .setOutputs("out").build());
        graph.init();
        return graph;
    }

    private static ComputationGraph pooledClassifier(Layer sequenceLayer, int width, int classes) {
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder()
                .seed(1).updater(new Adam(1e-2)).graphBuilder()
                .addInputs("in")
                .addLayer("sequence", sequenceLayer, "in")
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "sequence")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(width).nOut(classes)
                        .activation(Activation.SOFTMAX).build(), "pool")
                .setOutputs("out").build());
        graph.init();
        return graph;
    }

    private static MultiDataSet assemble(BatchSpec spec, Example... examples) {
        return new BatchAssembler(spec).assemble(List.of(examples));
    }

    private static void assertFits(ComputationGraph graph, MultiDataSet batch) {
        graph.fit(batch);
        assertTrue(Double.isFinite(graph.score()), "score " + graph.score());
    }

    @Test
    void tokenClassificationBatchesFitAnEmbeddingSequenceGraphAndPaddingIsMaskedOut() {
        BatchSpec spec = SpecBuilder.of(InputKind.TOKENS).vocabularySize(10).numClasses(3).maxLength(8)
                .batchSize(2).padId(0).build();
        ComputationGraph graph = pooledClassifier(new EmbeddingSequenceLayer.Builder().nIn(10).nOut(4).build(), 4, 3);
        Example shortRow = new Example(2, new float[] {4, 5}, 1, null);
        MultiDataSet padded = assemble(spec, new Example(4, new float[] {1, 2, 3, 9}, 0, null), shortRow);
        MultiDataSet alone = assemble(spec, shortRow);

        assertFits(graph, padded);

        INDArray paddedOutput = graph.output(false, padded.getFeatures(), padded.getFeaturesMaskArrays())[0];
        INDArray aloneOutput = graph.output(false, alone.getFeatures(), alone.getFeaturesMaskArrays())[0];
        assertEquals(aloneOutput.getRow(0), paddedOutput.getRow(1));
    }

    @Test
    void patchBatchesFitARecurrentGraph() {
        BatchSpec spec = SpecBuilder.of(InputKind.PATCHES).patchDim(3).numClasses(2).maxLength(4)
                .batchSize(2).build();
        ComputationGraph graph = pooledClassifier(new LSTM.Builder().nIn(3).nOut(4).build(), 4, 2);

        assertFits(graph, assemble(spec,
                new Example(2, new float[] {1, 2, 3, 4, 5, 6}, 0, null),
                new Example(1, new float[] {1, 2, 3}, 1, null)));
    }

    @Test
    void mlmBatchesFitAPerStepOutputWithOneHotOrIndexLabels() {
        BatchSpec oneHot = SpecBuilder.of(InputKind.MLM).vocabularySize(10).maskTokenId(9).maxLength(8)
                .batchSize(2).build();
        BatchSpec index = oneHot.withData(oneHot.data().toBuilder().labelEncoding(LabelEncoding.INDEX).build());
        Example[] examples = {
                new Example(3, new float[] {9, 2, 3}, Example.NO_LABEL, new int[] {1, MlmMasker.NOT_SELECTED, 3}),
                new Example(1, new float[] {9}, Example.NO_LABEL, new int[] {4})};
        MultiDataSet oneHotBatch = assemble(oneHot, examples);
        MultiDataSet indexBatch = assemble(index, examples);
        ComputationGraph withOneHot = graph(new EmbeddingSequenceLayer.Builder().nIn(10).nOut(4).build(),
                new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(4).nOut(10)
                        .dataFormat(RNNFormat.NCW).activation(Activation.SOFTMAX).build());
        ComputationGraph withIndex = graph(new EmbeddingSequenceLayer.Builder().nIn(10).nOut(4).build(),
                new RnnOutputLayer.Builder(new LossSparseMCXENT()).nIn(4).nOut(10)
                        .dataFormat(RNNFormat.NCW).activation(Activation.SOFTMAX).build());

        assertEquals(withOneHot.score(oneHotBatch), withIndex.score(indexBatch), 1e-5,
                "one-hot and index labels give the same loss");
        assertFits(withOneHot, oneHotBatch);
        assertFits(withIndex, indexBatch);
        assertArrayEquals(new long[] {2, 10, 3}, oneHotBatch.getLabels(0).shape());
    }
}
