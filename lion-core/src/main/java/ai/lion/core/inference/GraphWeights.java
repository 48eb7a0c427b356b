package ai.lion.core.inference;

import ai.lion.core.layers.AttentionKind;
import ai.lion.core.layers.LionBlockLayer;
import ai.lion.core.layers.LionAttentionSpec;
import ai.lion.core.layers.PatchCurves;
import ai.lion.core.layers.PatchOrder;
import ai.lion.core.layers.embed.LearnedPositions;
import ai.lion.core.layers.embed.PatchEmbedding;
import ai.lion.core.models.Pooling;
import ai.lion.core.models.layers.ClsPooling;
import ai.lion.core.models.layers.SequenceLayerNorm;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads the {@link ModelWeights} of a LION sequence classifier from its DL4J graph, as the
 * {@code ai.lion.core.models} builders lay it out: one chain of layers from the single input to the
 * single output,
 * <pre>
 *   EmbeddingSequenceLayer | PatchEmbedding → [LearnedPositions] → LionBlockLayer… → SequenceLayerNorm
 *     → GlobalPoolingLayer(AVG) | ClsPooling → OutputLayer(softmax)
 * </pre>
 * with dropout layers anywhere (the identity at inference). Vertex names do not matter; parameters
 * are read from each layer's parameter table by name, as views of the graph's parameters.
 */
public final class GraphWeights {

    private GraphWeights() {
    }

    /**
     * Whether {@code configuration} has blocks and all of them are LION blocks, i.e. whether {@link #read}
     * applies to it (a softmax-attention block has no linear-time form).
     */
    public static boolean hasLionBlocks(ComputationGraphConfiguration configuration) {
        List<LionBlockLayer> blocks = configuration.getVertices().values().stream()
                .map(GraphWeights::layerOf)
                .filter(LionBlockLayer.class::isInstance)
                .map(LionBlockLayer.class::cast)
                .toList();
        return !blocks.isEmpty() && blocks.stream().allMatch(block -> block.getAttention().kind() == AttentionKind.LION);
    }

    /**
     * The weights of {@code graph}; they stay views of its parameters.
     *
     * @throws IllegalArgumentException naming the vertex that does not fit the classifier layout
     */
    public static ModelWeights read(ComputationGraph graph) {
        Objects.requireNonNull(graph, "graph");
        Reader reader = new Reader(graph);
        for (String vertex : chain(graph.getConfiguration())) {
            reader.add(vertex);
        }
        return reader.weights();
    }

    /** The vertices from the input to the output, each reading only the one before it. */
    private static List<String> chain(ComputationGraphConfiguration configuration) {
        List<String> inputs = configuration.getNetworkInputs();
        List<String> outputs = configuration.getNetworkOutputs();
        if (inputs.size() != 1 || outputs.size() != 1) {
            throw new IllegalArgumentException("the encoder reads graphs with one input and one output, got inputs "
                    + inputs + " and outputs " + outputs);
        }
        Map<String, List<String>> vertexInputs = configuration.getVertexInputs();
        List<String> chain = new ArrayList<>();
        String current = inputs.get(0);
        while (!current.equals(outputs.get(0))) {
            String previous = current;
            List<String> readers = vertexInputs.entrySet().stream()
                    .filter(entry -> entry.getValue().contains(previous))
                    .map(Map.Entry::getKey)
                    .toList();
            if (readers.size() != 1 || vertexInputs.get(readers.get(0)).size() != 1) {
                throw new IllegalArgumentException("the encoder reads a single chain of layers, but vertex '" + previous
                        + "' feeds " + readers + (readers.size() == 1 ? " with inputs "
                        + vertexInputs.get(readers.get(0)) : ""));
            }
            current = readers.get(0);
            chain.add(current);
        }
        return chain;
    }

    private static Layer layerOf(GraphVertex vertex) {
        return vertex instanceof LayerVertex layerVertex ? layerVertex.getLayerConf().getLayer() : null;
    }

    /** Collects the parts of the model, vertex by vertex, checking their order. */
    private static final class Reader {
        private final ComputationGraph graph;
        private InputEmbedding embedding;
        private INDArray positions;
        private final List<BlockWeights> blocks = new ArrayList<>();
        private INDArray normGain;
        private INDArray normBias;
        private Pooling pooling;
        private INDArray classifierWeight;
        private INDArray classifierBias;

        Reader(ComputationGraph graph) {
            this.graph = graph;
        }

        void add(String vertex) {
            Layer layer = layerOf(graph.getConfiguration().getVertices().get(vertex));
            Map<String, INDArray> params = layer == null ? Map.of() : graph.getLayer(vertex).paramTable();
            if (layer instanceof DropoutLayer) {
                return;
            }
            if (layer instanceof EmbeddingSequenceLayer tokens && embedding == null) {
                if (tokens.hasBias()) {
                    throw new IllegalArgumentException("token embedding '" + vertex + "' has a bias; the LION models'"
                            + " embeddings have none");
                }
                embedding = new TokenTable(params.get("W"));
            } else if (layer instanceof PatchEmbedding && embedding == null) {
                embedding = new PatchProjection(params.get(PatchEmbedding.WEIGHT), params.get(PatchEmbedding.BIAS),
                        params.get(PatchEmbedding.CLS));
            } else if (layer instanceof LearnedPositions && embedding != null && positions == null && blocks.isEmpty()) {
                positions = params.get(LearnedPositions.POSITIONS);
            } else if (layer instanceof LionBlockLayer block && embedding != null && normGain == null) {
                blocks.add(block(vertex, block, params));
            } else if (layer instanceof SequenceLayerNorm && !blocks.isEmpty() && normGain == null) {
                normGain = params.get(SequenceLayerNorm.GAIN);
                normBias = params.get(SequenceLayerNorm.BIAS);
            } else if (layer instanceof GlobalPoolingLayer average && average.getPoolingType() == PoolingType.AVG
                    && normGain != null && pooling == null) {
                pooling = Pooling.MEAN;
            } else if (layer instanceof ClsPooling && normGain != null && pooling == null) {
                pooling = Pooling.CLS;
            } else if (layer instanceof OutputLayer output && output.getActivationFn() instanceof ActivationSoftmax
                    && pooling != null && classifierWeight == null) {
                classifierWeight = params.get("W");
                classifierBias = params.get("b");
            } else {
                throw new IllegalArgumentException("vertex '" + vertex + "' (" + (layer == null
                        ? graph.getConfiguration().getVertices().get(vertex).getClass().getSimpleName()
                        : layer.getClass().getSimpleName()) + ") does not fit the LION classifier layout: embedding"
                        + " → [positions] → blocks → SequenceLayerNorm → AVG or CLS pooling → softmax OutputLayer");
            }
        }

        private static BlockWeights block(String vertex, LionBlockLayer block, Map<String, INDArray> params) {
            LionAttentionSpec attention = block.getAttention();
            if (attention.kind() != AttentionKind.LION) {
                throw new IllegalArgumentException("block '" + vertex + "' computes " + attention.kind()
                        + " attention, which has no linear-time form: the encoder computes LION blocks only (score"
                        + " the model with its graph, in the ATTENTION form)");
            }
            List<int[]> orders = attention.patchOrder() == PatchOrder.CURVE
                    ? List.of(PatchCurves.rowSnake(attention.gridSide()), PatchCurves.columnSnake(attention.gridSide()))
                    : List.of();
            try {
                return BlockWeights.fromParameters(params, attention.heads(), attention.maskType(), orders);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("block '" + vertex + "': " + e.getMessage(), e);
            }
        }

        ModelWeights weights() {
            if (classifierWeight == null) {
                throw new IllegalArgumentException("the graph does not end in the LION classifier layout (embedding →"
                        + " [positions] → blocks → SequenceLayerNorm → AVG or CLS pooling → softmax OutputLayer)");
            }
            return new ModelWeights(embedding, positions, blocks, normGain, normBias, pooling, classifierWeight,
                    classifierBias);
        }
    }
}
