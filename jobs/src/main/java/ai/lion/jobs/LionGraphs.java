package ai.lion.jobs;

import ai.lion.core.models.LionConfig;
import ai.lion.core.models.PatchInput;
import ai.lion.core.models.Task;
import ai.lion.core.models.TokenInput;
import ai.lion.jobs.config.TrainConfig;
import ai.lion.spark.train.GraphFactory;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * The network {@code train} builds for a {@link LionConfig}.
 *
 * <p><b>Stand-in:</b> the LION builders ({@code ai.lion.core.models.LionModels}) are not in this build
 * yet. Until they are, this class builds a plain DL4J graph that reads the same input and has the same
 * vertex names (input {@code input}, pooling {@code pool}, softmax {@code output}): masked mean of the
 * patch vectors or token embeddings, a dense layer of {@code model.width}, softmax; MLM predicts every
 * token from its embedding.
 */
final class LionGraphs {

    private LionGraphs() {
    }

    /** The factory of {@code model}'s network, trained with AdamW at {@code train.learning-rate}. */
    static GraphFactory factory(LionConfig model, TrainConfig train) {
        return GraphFactory.of(() -> configuration(model, train), model.toJson());
    }

    private static ComputationGraphConfiguration configuration(LionConfig model, TrainConfig train) {
        ComputationGraphConfiguration.GraphBuilder graph = new NeuralNetConfiguration.Builder()
                .seed(model.seed())
                .updater(new Adam(train.learningRate()))
                .weightDecay(train.weightDecay(), true)
                .weightInit(WeightInit.XAVIER)
                .graphBuilder()
                .addInputs("input");
        if (model.input() instanceof PatchInput patches) {
            graph.setInputTypes(InputType.recurrent(patches.patchDim(), RNNFormat.NCW))
                    .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "input");
            return classifier(graph, model, "pool");
        }
        TokenInput tokens = (TokenInput) model.input();
        graph.addLayer("embedding", new EmbeddingSequenceLayer.Builder().nIn(tokens.vocabSize()).nOut(model.width())
                .build(), "input");
        if (model.task() == Task.MLM) {
            return graph.addLayer("output", new RnnOutputLayer.Builder(LossFunction.MCXENT).nIn(model.width())
                            .nOut(tokens.vocabSize()).activation(Activation.SOFTMAX).dataFormat(RNNFormat.NCW).build(),
                    "embedding").setOutputs("output").build();
        }
        graph.addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "embedding");
        return classifier(graph, model, "pool");
    }

    private static ComputationGraphConfiguration classifier(ComputationGraphConfiguration.GraphBuilder graph,
                                                            LionConfig model, String pooled) {
        return graph
                .addLayer("hidden", new DenseLayer.Builder().nOut(model.width()).activation(Activation.GELU).build(),
                        pooled)
                .addLayer("output", new OutputLayer.Builder(LossFunction.MCXENT).nOut(model.numClasses())
                        .activation(Activation.SOFTMAX).build(), "hidden")
                .setOutputs("output")
                .build();
    }
}
