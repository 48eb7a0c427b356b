package ai.lion.core.models;

import ai.lion.core.layers.LionAttentionSpec;
import ai.lion.core.layers.LionBlockLayer;
import ai.lion.core.layers.PatchOrder;
import ai.lion.core.layers.embed.LearnedPositions;
import ai.lion.core.models.layers.SequenceLayerNorm;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;

/**
 * The part every LION model shares after its embedding: optional learned positions, the block stack
 * and the final LayerNorm.
 */
final class Encoder {

    /** Vertex name of the embedding layer a model adds before calling {@link #addTo}. */
    static final String EMBEDDING = "embedding";
    /** Vertex name of the learned positions. */
    static final String POSITIONS = "positions";
    /** Vertex name prefix of the blocks: {@code block0}, {@code block1}, … */
    static final String BLOCK = "block";
    /** Vertex name of the dropout on the embedded sequence. */
    static final String EMBEDDING_DROPOUT = "embeddingDropout";
    /** Vertex name of the final LayerNorm. */
    static final String NORM = "norm";

    private Encoder() {
    }

    /**
     * Adds the encoder after vertex {@code from}; returns the name of its last vertex. Dropout acts on
     * the embedded sequence (as ViT's position dropout) and inside every block; the drop-path rate
     * rises linearly over the blocks ({@link LionConfig#dropPathOfBlock(int)}).
     */
    static String addTo(GraphBuilder graph, LionConfig config, String from) {
        String last = from;
        if (config.positionalEmbedding()) {
            graph.addLayer(POSITIONS, new LearnedPositions(config.width(), config.input().sequenceLength()), last);
            last = POSITIONS;
        }
        if (config.dropout() > 0) {
            graph.addLayer(EMBEDDING_DROPOUT, new DropoutLayer.Builder(1 - config.dropout()).build(), last);
            last = EMBEDDING_DROPOUT;
        }
        LionAttentionSpec attention = attention(config);
        for (int i = 0; i < config.depth(); i++) {
            graph.addLayer(BLOCK + i, new LionBlockLayer.Builder()
                    .attention(attention).mlpRatio((int) config.mlpRatio())
                    .decayInit(config.decayInit()).sequenceLength(config.input().sequenceLength())
                    .dropout(config.dropout()).dropPath(config.dropPathOfBlock(i)).build(), last);
            last = BLOCK + i;
        }
        graph.addLayer(NORM, new SequenceLayerNorm(config.width()), last);
        return NORM;
    }

    /** The attention every block of {@code config} computes. */
    static LionAttentionSpec attention(LionConfig config) {
        LionAttentionSpec.Builder spec = LionAttentionSpec.builder()
                .heads(config.heads())
                .kind(config.variant().kind())
                .maskType(config.variant().maskType())
                .form(config.trainingForm().form())
                .chunkSize(config.chunkSize());
        if (config.variant().usesCurveOrder()) {
            spec.patchOrder(PatchOrder.CURVE, ((PatchInput) config.input()).gridSide());
        }
        return spec.build();
    }
}
