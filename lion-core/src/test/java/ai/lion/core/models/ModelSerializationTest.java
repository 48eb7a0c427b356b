package ai.lion.core.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.lion.core.testing.SingleThreadedNd4j;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;

/** A saved model restores to the same function and continues training exactly like the original. */
@ExtendWith(SingleThreadedNd4j.class)
class ModelSerializationTest {

    static Stream<Arguments> modelsAndData() {
        LionConfig patches = LionModelsTest.tinyPatches().variant(LionVariant.SELECTIVE_CURVE)
                .positionalEmbedding(true).pooling(Pooling.CLS).build();
        LionConfig tokens = LionModelsTest.tinyTokens().variant(LionVariant.SELECTIVE)
                .trainingForm(TrainingForm.CHUNK).chunkSize(4).positionalEmbedding(true).build();
        LionConfig mlm = LionModelsTest.tinyTokens().variant(LionVariant.LIT).numClasses(0).task(Task.MLM)
                .positionalEmbedding(true).build();
        Random random = new Random(9);
        return Stream.of(
                Arguments.of(patches, SyntheticTasks.brightQuadrant((PatchInput) patches.input(), 6, random)),
                Arguments.of(tokens, SyntheticTasks.aBeforeB((TokenInput) tokens.input(), 6, random)),
                Arguments.of(mlm, SyntheticTasks.periodicCopy((TokenInput) mlm.input(), 3, 0.3, 6, random)));
    }

    @ParameterizedTest
    @MethodSource("modelsAndData")
    void restoredModelComputesAndTrainsExactlyLikeTheOriginal(LionConfig config, MultiDataSet data,
                                                               @TempDir Path dir) throws IOException {
        ComputationGraph original = LionModels.build(config, AdamW.defaults());
        original.setLearningRate(1e-2);
        original.fit(data);
        original.fit(data);     // non-trivial Adam moments
        File file = dir.resolve("model.zip").toFile();
        ModelSerializer.writeModel(original, file, true);

        ComputationGraph restored = ModelSerializer.restoreComputationGraph(file, true);

        assertExactlyEqual(original.params(), restored.params(), "parameters");
        assertExactlyEqual(original.getUpdater().getStateViewArray(), restored.getUpdater().getStateViewArray(),
                "updater state");
        assertExactlyEqual(output(original, data), output(restored, data), "output");
        original.fit(data);
        restored.fit(data);
        assertExactlyEqual(original.params(), restored.params(), "parameters after one more step");
    }

    private static INDArray output(ComputationGraph model, MultiDataSet data) {
        return model.output(false, data.getFeatures(), data.getFeaturesMaskArrays())[0];
    }

    private static void assertExactlyEqual(INDArray expected, INDArray actual, String what) {
        assertEquals(0.0, expected.sub(actual).amaxNumber().doubleValue(), what);
    }
}
