package ai.lion.core.models;

import ai.lion.core.models.layers.ClsPooling;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** Pooling and softmax output of a sequence classifier. */
final class ClassifierHead {

    /** Vertex name of the pooled sequence. */
    static final String POOL = LionModels.POOLED;

    private ClassifierHead() {
    }

    /** Pools the sequence at {@code from} as the configuration says and adds the softmax output {@link LionModels#OUTPUT}. */
    static void addTo(GraphBuilder graph, LionConfig config, String from) {
        graph.addLayer(POOL, config.pooling() == Pooling.CLS
                ? new ClsPooling()
                : new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), from);
        graph.addLayer(LionModels.OUTPUT, new OutputLayer.Builder(LossFunction.MCXENT)
                .nOut(config.numClasses()).activation(Activation.SOFTMAX).build(), POOL);
        graph.setOutputs(LionModels.OUTPUT);
    }
}
