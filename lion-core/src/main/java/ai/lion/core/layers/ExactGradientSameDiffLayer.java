package ai.lion.core.layers;

import java.util.Collection;
import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Base configuration for the project's SameDiff layers: a {@link SameDiffLayer} whose gradients are
 * exact.
 *
 * <p>In Deeplearning4j 1.0.0-M2/M2.1 the runtime of every {@code SameDiffLayer} starts its gradient
 * graph with {@code add(eps, eps)} (nd4j's {@code ExternalErrorsFunction} both registers and returns
 * the output gradient), so the parameter gradients and the epsilon passed to the layer below come out
 * exactly twice the true value. Layers extending this class are instantiated as
 * {@link ExactGradientSameDiffRuntime}, which detects that defect in the layer's own gradient graph
 * and then halves the incoming epsilon (exact in binary floating point); on a Deeplearning4j without
 * the defect it changes nothing.
 *
 * <p>Subclasses keep the usual SameDiff layer contract ({@code defineParameters},
 * {@code initializeParameters}, {@code defineLayer}); all their configuration fields must carry
 * {@code @JsonProperty} and the class a public no-argument constructor, or JSON round trips lose them.
 */
public abstract class ExactGradientSameDiffLayer extends SameDiffLayer {

    /** For JSON deserialisation. */
    protected ExactGradientSameDiffLayer() {
    }

    protected ExactGradientSameDiffLayer(SameDiffLayer.Builder<?> builder) {
        super(builder);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
                             int layerIndex, INDArray layerParamsView, boolean initializeParams,
                             DataType networkDataType) {
        ExactGradientSameDiffRuntime layer = createRuntime(conf, networkDataType);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        Map<String, INDArray> paramTable = initializer().init(conf, layerParamsView, initializeParams);
        layer.setParamTable(paramTable);
        layer.setConf(conf);
        return layer;
    }

    /**
     * Creates the runtime layer; layers of this package needing more runtime behaviour return a
     * subclass of {@link ExactGradientSameDiffRuntime}.
     */
    ExactGradientSameDiffRuntime createRuntime(NeuralNetConfiguration conf, DataType networkDataType) {
        return new ExactGradientSameDiffRuntime(conf, networkDataType);
    }
}
