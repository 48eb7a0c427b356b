package ai.lion.core.models;

import java.util.ArrayList;
import java.util.LinkedHashSet;

import ai.lion.core.layers.embed.TruncatedNormal;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.nd4j.linalg.api.buffer.DataType;

/** What every LION graph shares: the global settings before the first layer and the final clean-up. */
final class ModelGraph {

    private ModelGraph() {
    }

    /**
     * The input of {@code config}, which must be of {@code kind} with task {@code task}; otherwise the
     * message names the {@code builder} and what it needs.
     */
    static <T extends InputSpec> T requireKind(LionConfig config, Class<T> kind, Task task, String builder) {
        if (!kind.isInstance(config.input()) || config.task() != task) {
            String needed = kind == PatchInput.class ? "PATCHES" : "TOKENS";
            throw new IllegalArgumentException(builder + " needs " + needed + " input and task " + task + ", got "
                    + config.input() + " and " + config.task());
        }
        return kind.cast(config.input());
    }

    /** A graph builder with seed, data type, optimiser, initialisation and one input {@link LionModels#INPUT}. */
    static GraphBuilder start(LionConfig config, AdamW optimizer, InputType inputType) {
        NeuralNetConfiguration.Builder global = new NeuralNetConfiguration.Builder()
                .seed(config.seed())
                .dataType(DataType.FLOAT)
                .weightInit(TruncatedNormal.INIT)
                .biasInit(0);
        optimizer.applyTo(global);
        return global.graphBuilder().addInputs(LionModels.INPUT).setInputTypes(inputType);
    }

    /**
     * Builds the configuration. DL4J 1.0.0-M2.1 validates every {@link BaseLayer} (built-in or LION)
     * twice and appends the global weight decay on each pass, so they would decay twice as fast as
     * configured; each regularisation is kept once.
     */
    static ComputationGraphConfiguration finish(GraphBuilder graph) {
        ComputationGraphConfiguration configuration = graph.build();
        configuration.getVertices().values().forEach(vertex -> {
            if (vertex instanceof LayerVertex layerVertex
                    && layerVertex.getLayerConf().getLayer() instanceof BaseLayer layer) {
                layer.setRegularization(new ArrayList<>(new LinkedHashSet<>(layer.getRegularization())));
            }
        });
        return configuration;
    }
}
