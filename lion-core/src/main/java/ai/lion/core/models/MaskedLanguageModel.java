package ai.lion.core.models;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * The masked-language model: token embedding, optional learned positions, LION blocks, final
 * LayerNorm and a softmax over the vocabulary at every position.
 *
 * <p>Input {@link LionModels#INPUT}: token ids {@code [batch, maxLength]} as floats, masked positions
 * already replaced by the caller's mask token; optional feature mask {@code [batch, maxLength]} for
 * padding. Labels: one-hot {@code [batch, vocabSize, maxLength]} (NCW) with a label mask
 * {@code [batch, maxLength]} that is 1 exactly at the masked positions, so only they enter the loss
 * (MCXENT).
 */
public final class MaskedLanguageModel {

    private MaskedLanguageModel() {
    }

    /** The graph configuration for a TOKENS / MLM {@code config}. */
    public static ComputationGraphConfiguration configuration(LionConfig config, AdamW optimizer) {
        TokenInput tokens = ModelGraph.requireKind(config, TokenInput.class, Task.MLM, "MaskedLanguageModel");
        GraphBuilder graph = TokenEmbeddings.start(config, tokens, optimizer);
        String encoded = Encoder.addTo(graph, config, Encoder.EMBEDDING);
        graph.addLayer(LionModels.OUTPUT, new RnnOutputLayer.Builder(LossFunction.MCXENT)
                        .nOut(tokens.vocabSize()).activation(Activation.SOFTMAX).dataFormat(RNNFormat.NCW).build(),
                encoded);
        graph.setOutputs(LionModels.OUTPUT);
        return ModelGraph.finish(graph);
    }
}
