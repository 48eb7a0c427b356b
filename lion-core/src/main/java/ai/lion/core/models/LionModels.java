package ai.lion.core.models;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Entry point: builds the model a {@link LionConfig} describes.
 *
 * <table>
 *   <caption>Model kinds</caption>
 *   <tr><th>input, task</th><th>builder</th><th>input {@value #INPUT}</th><th>labels of {@value #OUTPUT}</th></tr>
 *   <tr><td>PATCHES, CLASSIFY</td><td>{@link PatchClassifier}</td><td>{@code [batch, patchDim, numPatches]}</td>
 *       <td>one-hot {@code [batch, numClasses]}</td></tr>
 *   <tr><td>TOKENS, CLASSIFY</td><td>{@link TokenClassifier}</td><td>ids {@code [batch, maxLength]} + feature mask</td>
 *       <td>one-hot {@code [batch, numClasses]}</td></tr>
 *   <tr><td>TOKENS, MLM</td><td>{@link MaskedLanguageModel}</td><td>ids {@code [batch, maxLength]} (+ feature mask)</td>
 *       <td>one-hot {@code [batch, vocabSize, maxLength]} + label mask</td></tr>
 * </table>
 */
public final class LionModels {

    /** Name of the single graph input. */
    public static final String INPUT = "input";
    /** Name of the single graph output (the softmax layer). */
    public static final String OUTPUT = "output";
    /** Name of a classifier's pooling vertex, which feeds {@value #OUTPUT}: its activations are the sequence embedding. */
    public static final String POOLED = "pool";

    private LionModels() {
    }

    /**
     * The graph configuration of the model kind {@code config} selects, trained with {@code optimizer}.
     * It holds no learning rate of its own choosing (see {@link AdamW}): the trainer sets it.
     */
    public static ComputationGraphConfiguration configuration(LionConfig config, AdamW optimizer) {
        if (config.input() instanceof PatchInput) {
            return PatchClassifier.configuration(config, optimizer);
        }
        return config.task() == Task.MLM
                ? MaskedLanguageModel.configuration(config, optimizer)
                : TokenClassifier.configuration(config, optimizer);
    }

    /**
     * A freshly initialised model: parameters drawn from {@link LionConfig#seed()}. Before training it
     * locally, set the learning rate ({@code model.setLearningRate(rate)}); the distributed trainer sets
     * it from its schedule.
     */
    public static ComputationGraph build(LionConfig config, AdamW optimizer) {
        ComputationGraph graph = new ComputationGraph(configuration(config, optimizer));
        graph.init();
        return graph;
    }
}
