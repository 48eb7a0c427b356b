package ai.lion.core.models;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;

/**
 * The token-sequence classifier: token embedding, optional learned positions, LION blocks, final
 * LayerNorm, pooling (MEAN over the unmasked tokens, or CLS = the first token), softmax.
 *
 * <p>Input {@link LionModels#INPUT}: token ids {@code [batch, maxLength]} (or
 * {@code [batch, 1, maxLength]}) as floats, with a feature mask {@code [batch, maxLength]} when
 * sequences are padded. Labels: one-hot {@code [batch, numClasses]}. Loss: MCXENT.
 */
public final class TokenClassifier {

    private TokenClassifier() {
    }

    /** The graph configuration for a TOKENS / CLASSIFY {@code config}. */
    public static ComputationGraphConfiguration configuration(LionConfig config, AdamW optimizer) {
        TokenInput tokens = ModelGraph.requireKind(config, TokenInput.class, Task.CLASSIFY, "TokenClassifier");
        GraphBuilder graph = TokenEmbeddings.start(config, tokens, optimizer);
        ClassifierHead.addTo(graph, config, Encoder.addTo(graph, config, Encoder.EMBEDDING));
        return ModelGraph.finish(graph);
    }
}
