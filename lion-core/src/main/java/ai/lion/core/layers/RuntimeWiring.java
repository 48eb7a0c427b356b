package ai.lion.core.layers;

import java.util.Collection;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/** What every layer configuration's {@code instantiate} does to its new runtime, in one place. */
public final class RuntimeWiring {

    private RuntimeWiring() {
    }

    /**
     * Gives {@code runtime} its listeners, index, parameter view and parameter table (initialised when
     * {@code initializeParams}) and its configuration; returns it.
     */
    public static Layer wire(Layer runtime, NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
                             int layerIndex, INDArray layerParamsView, boolean initializeParams) {
        runtime.setListeners(listeners);
        runtime.setIndex(layerIndex);
        runtime.setParamsViewArray(layerParamsView);
        runtime.setParamTable(conf.getLayer().initializer().init(conf, layerParamsView, initializeParams));
        runtime.setConf(conf);
        return runtime;
    }
}
