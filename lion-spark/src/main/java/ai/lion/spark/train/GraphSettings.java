package ai.lion.spark.train;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.samediff.AbstractSameDiffLayer;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;

/**
 * Sets the trainer's gradient clipping and weight decay on every layer of a graph configuration that
 * has parameters, before the graph is built. {@link BaseLayer}s (the built-in and the LION layers) and
 * SameDiff layers ({@link AbstractSameDiffLayer}) are supported; parameter-free layers are skipped.
 *
 * <p>Weight decay replaces the regularisation of each layer's weights (biases and parameters a
 * layer does not call weights keep theirs) with DL4J's decoupled {@link WeightDecay}, scaled by the
 * current learning rate so it follows the schedule.
 */
final class GraphSettings {

    private GraphSettings() {
    }

    /**
     * Applies {@code clipping} and {@code weightDecay}, where present, to {@code configuration}.
     *
     * @throws IllegalArgumentException naming the layer, if one has parameters but is of a kind this
     *                                  class cannot configure
     */
    static void apply(ComputationGraphConfiguration configuration, Optional<GradientClipping> clipping,
                      OptionalDouble weightDecay) {
        if (clipping.isEmpty() && weightDecay.isEmpty()) {
            return;
        }
        List<Regularization> decay = weightDecay.isPresent()
                ? List.of(new WeightDecay(weightDecay.getAsDouble(), true)) : null;
        for (Map.Entry<String, GraphVertex> vertex : configuration.getVertices().entrySet()) {
            if (!(vertex.getValue() instanceof LayerVertex layerVertex)) {
                continue;
            }
            Layer layer = layerVertex.getLayerConf().getLayer();
            if (layer instanceof BaseLayer base) {
                clipping.ifPresent(c -> {
                    base.setGradientNormalization(c.normalization());
                    base.setGradientNormalizationThreshold(c.threshold());
                });
                if (decay != null) {
                    base.setRegularization(decay);
                }
            } else if (layer instanceof AbstractSameDiffLayer sameDiff) {
                clipping.ifPresent(c -> {
                    sameDiff.setGradientNormalization(c.normalization());
                    sameDiff.setGradientNormalizationThreshold(c.threshold());
                });
                if (decay != null) {
                    sameDiff.setRegularization(decay);
                }
            } else if (layer.initializer().numParams(layerVertex.getLayerConf()) > 0) {
                throw new IllegalArgumentException("layer '" + vertex.getKey() + "' (" + layer.getClass().getName()
                        + ") has parameters, but gradient clipping and weight decay can only be set on BaseLayer and"
                        + " SameDiff layers");
            }
        }
    }
}
