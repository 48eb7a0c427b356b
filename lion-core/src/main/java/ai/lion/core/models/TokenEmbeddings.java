package ai.lion.core.models;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;

/** The input side shared by the token models: token ids to an NCW embedding sequence. */
final class TokenEmbeddings {

    private TokenEmbeddings() {
    }

    /**
     * A graph whose {@link Encoder#EMBEDDING} vertex embeds the ids of {@link LionModels#INPUT}.
     *
     * <p>The input type is declared as {@code recurrent(vocabSize, maxLength)} (the one-hot view of
     * the ids): DL4J's {@code EmbeddingSequenceLayer} takes its vocabulary size from the declared
     * input size. The arrays fed in are still the ids, {@code [batch, maxLength]}.
     */
    static GraphBuilder start(LionConfig config, TokenInput tokens, AdamW optimizer) {
        GraphBuilder graph = ModelGraph.start(config, optimizer,
                InputType.recurrent(tokens.vocabSize(), tokens.maxLength()));
        graph.addLayer(Encoder.EMBEDDING, new EmbeddingSequenceLayer.Builder()
                .nOut(config.width()).inputLength(tokens.maxLength()).hasBias(false)
                .outputDataFormat(RNNFormat.NCW).build(), LionModels.INPUT);
        return graph;
    }
}
