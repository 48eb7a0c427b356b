package ai.lion.spark.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.lion.spark.data.BatchSpec;
import ai.lion.spark.data.InputKind;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** Reading a classifier's layout from its graph configuration, and matching it against data specs. */
class ModelSignatureTest {

    @Test
    void aTokenClassifiersLayoutIsReadFromItsConfiguration() {
        ModelSignature signature = ModelSignature.of(TinyClassifiers.tokens(20, 3, 1).getConfiguration());

        assertEquals(InputKind.TOKENS, signature.kind());
        assertEquals("input", signature.input());
        assertEquals("output", signature.output());
        assertEquals("pool", signature.pooled());
        assertEquals(20, signature.vocabularySize());
        assertEquals(3, signature.numClasses());
        assertEquals(TinyClassifiers.WIDTH, signature.embeddingSize());
    }

    @Test
    void aMatchingSpecHasNoMismatchesAndASignatureSurvivesJavaSerialisation() throws Exception {
        ModelSignature signature = ModelSignature.of(TinyClassifiers.patches(4, 2, 1).getConfiguration());
        BatchSpec spec = BatchSpec.builder(InputKind.PATCHES).patchDim(4).numClasses(2).maxLength(9).batchSize(3)
                .build();

        ModelSignature copy = org.apache.commons.lang3.SerializationUtils.roundtrip(signature);

        assertEquals(List.of(), signature.mismatches(spec));
        assertEquals(signature.toString(), copy.toString());
        assertThrows(IllegalStateException.class, () -> copy.mismatches(spec), "the layer stays on the driver");
    }

    @Test
    void graphsWithSeveralInputsOrOutputsAreRejected() {
        ComputationGraphConfiguration twoOutputs = new NeuralNetConfiguration.Builder().graphBuilder()
                .addInputs("input")
                .addLayer("a", new OutputLayer.Builder(LossFunction.MCXENT).nIn(3).nOut(2)
                        .activation(Activation.SOFTMAX).build(), "input")
                .addLayer("b", new OutputLayer.Builder(LossFunction.MCXENT).nIn(3).nOut(2)
                        .activation(Activation.SOFTMAX).build(), "input")
                .setOutputs("a", "b").build();
        ComputationGraphConfiguration twoReaders = new NeuralNetConfiguration.Builder().graphBuilder()
                .addInputs("input")
                .addLayer("x", new DenseLayer.Builder().nIn(3).nOut(2).build(), "input")
                .addLayer("y", new DenseLayer.Builder().nIn(3).nOut(2).build(), "input")
                .addVertex("both", new org.deeplearning4j.nn.conf.graph.MergeVertex(), "x", "y")
                .addLayer("output", new OutputLayer.Builder(LossFunction.MCXENT).nIn(4).nOut(2)
                        .activation(Activation.SOFTMAX).build(), "both")
                .setOutputs("output").build();

        IllegalArgumentException outputs = assertThrows(IllegalArgumentException.class,
                () -> ModelSignature.of(twoOutputs));
        IllegalArgumentException readers = assertThrows(IllegalArgumentException.class,
                () -> ModelSignature.of(twoReaders));

        assertEquals("scoring needs exactly one output, the graph has [a, b]", outputs.getMessage());
        assertEquals("scoring needs exactly one vertex reading input 'input', the graph has [x, y]",
                readers.getMessage());
    }
}
