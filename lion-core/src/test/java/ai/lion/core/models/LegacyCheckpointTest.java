package ai.lion.core.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lion.core.testing.SingleThreadedNd4j;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Models saved when the embedding, LayerNorm and pooling layers were SameDiff layers
 * ({@code legacy-checkpoints/<name>.zip}, with the {@link LionConfig} they were built from and an
 * input, its feature mask if any, and the output they gave) load with the native layers, give the
 * same output, and have the parameter layout a model built today from the same configuration has.
 */
@ExtendWith(SingleThreadedNd4j.class)
class LegacyCheckpointTest {

    private static final double TOLERANCE = 1e-5;

    @ParameterizedTest
    @ValueSource(strings = {"mlm-lit", "patch-decay-curve", "patch-selective"})
    void legacyCheckpointLoadsAndGivesTheSavedOutput(String name) throws IOException, URISyntaxException {
        Path dir = Path.of(LegacyCheckpointTest.class.getResource("/legacy-checkpoints/" + name + ".zip").toURI())
                .getParent();
        ComputationGraph model = ModelSerializer.restoreComputationGraph(dir.resolve(name + ".zip").toFile(), false);
        INDArray input = Nd4j.readBinary(dir.resolve(name + ".input.bin").toFile());
        File maskFile = dir.resolve(name + ".mask.bin").toFile();
        INDArray mask = maskFile.exists() ? Nd4j.readBinary(maskFile) : null;
        INDArray expected = Nd4j.readBinary(dir.resolve(name + ".output.bin").toFile());

        INDArray actual = model.output(false, new INDArray[]{input}, mask == null ? null : new INDArray[]{mask})[0];

        assertArrayEquals(expected.shape(), actual.shape(), name + ": output shape");
        double error = expected.castTo(actual.dataType()).sub(actual).amaxNumber().doubleValue();
        assertTrue(error <= TOLERANCE, name + ": max |output - saved output| = " + error);

        LionConfig config = LionConfig.fromJson(Files.readString(dir.resolve(name + ".json")));
        ComputationGraph today = LionModels.build(config, AdamW.defaults());
        assertEquals(layout(today), layout(model), name + ": parameter names, shapes and order");
        IUpdater updater = model.getLayer(LionModels.OUTPUT).conf().getLayer().getUpdaterByParam("W");
        for (Layer layer : model.getLayers()) {
            for (String param : layer.paramTable().keySet()) {
                assertEquals(updater, layer.conf().getLayer().getUpdaterByParam(param),
                        name + ": the saved updater of " + layer.conf().getLayer().getLayerName() + "_" + param);
            }
        }
    }

    /** Every layer's parameter names and shapes, in flattened order. */
    private static List<String> layout(ComputationGraph model) {
        List<String> layout = new ArrayList<>();
        for (Map.Entry<String, INDArray> param : model.paramTable().entrySet()) {
            layout.add(param.getKey() + java.util.Arrays.toString(param.getValue().shape()));
        }
        return layout;
    }
}
