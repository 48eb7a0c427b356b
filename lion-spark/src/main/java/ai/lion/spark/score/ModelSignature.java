package ai.lion.spark.score;

import ai.lion.spark.data.BatchSpec;
import ai.lion.spark.data.InputKind;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;

/**
 * What a sequence classifier reads and produces, read from its DL4J graph configuration: one input
 * (token ids into an embedding layer, or patch/feature vectors), one softmax output layer, and the
 * vertex feeding that output layer, whose activations are the pooled sequence embedding.
 *
 * <p>This matches every classifier of {@code ai.lion.core.models} (input {@code input}, pooling vertex
 * {@code pool}, output {@code output}) without naming them: the pooled embedding is found as the
 * single input of the output layer, so any graph with the same layout can be scored.
 */
public final class ModelSignature implements Serializable {

    private static final long serialVersionUID = 1L;

    private final InputKind kind;
    private final String input;
    private final String output;
    private final String pooled;
    private final int vocabularySize;
    private final int patchDim;
    private final int numClasses;
    private final int embeddingSize;
    /** The layer reading the input; used on the driver to check the feature width, not shipped. */
    private final transient Layer firstLayer;

    private ModelSignature(InputKind kind, String input, String output, String pooled, int vocabularySize,
                           int patchDim, int numClasses, int embeddingSize, Layer firstLayer) {
        this.kind = kind;
        this.input = input;
        this.output = output;
        this.pooled = pooled;
        this.vocabularySize = vocabularySize;
        this.patchDim = patchDim;
        this.numClasses = numClasses;
        this.embeddingSize = embeddingSize;
        this.firstLayer = firstLayer;
    }

    /**
     * Reads the signature of {@code conf}.
     *
     * @throws IllegalArgumentException if the graph is not a single-input classifier ending in one
     *                                  softmax output layer fed by one vertex
     */
    public static ModelSignature of(ComputationGraphConfiguration conf) {
        String input = single("input", conf.getNetworkInputs());
        String output = single("output", conf.getNetworkOutputs());
        if (!(layerOf(conf, output) instanceof BaseOutputLayer outputLayer)
                || !(outputLayer.getActivationFn() instanceof ActivationSoftmax)) {
            throw new IllegalArgumentException("output vertex '" + output + "' is not an output layer with a softmax"
                    + " activation, so the graph does not produce class probabilities");
        }
        String pooled = single("input of output layer '" + output + "'", conf.getVertexInputs().get(output));
        List<String> readers = new ArrayList<>();
        conf.getVertexInputs().forEach((vertex, inputs) -> {
            if (inputs.contains(input)) {
                readers.add(vertex);
            }
        });
        String first = single("vertex reading input '" + input + "'", readers);
        Layer firstLayer = layerOf(conf, first);
        if (firstLayer == null) {
            throw new IllegalArgumentException("vertex '" + first + "' reading input '" + input + "' is not a layer");
        }
        boolean tokens = firstLayer instanceof EmbeddingSequenceLayer || firstLayer instanceof EmbeddingLayer;
        int inputSize = firstLayer instanceof FeedForwardLayer feedForward ? Math.toIntExact(feedForward.getNIn()) : 0;
        return new ModelSignature(tokens ? InputKind.TOKENS : InputKind.PATCHES, input, output, pooled,
                tokens ? inputSize : 0, tokens ? 0 : inputSize, Math.toIntExact(outputLayer.getNOut()),
                Math.toIntExact(outputLayer.getNIn()), firstLayer);
    }

    private static String single(String what, List<String> names) {
        if (names == null || names.size() != 1) {
            throw new IllegalArgumentException("scoring needs exactly one " + what + ", the graph has " + names);
        }
        return names.get(0);
    }

    private static Layer layerOf(ComputationGraphConfiguration conf, String vertex) {
        Map<String, GraphVertex> vertices = conf.getVertices();
        return vertices.get(vertex) instanceof LayerVertex layerVertex ? layerVertex.getLayerConf().getLayer() : null;
    }

    /** TOKENS when the input feeds an embedding layer, else PATCHES (vectors per step). */
    public InputKind kind() { return kind; }

    /** Name of the graph input. */
    public String input() { return input; }

    /** Name of the softmax output layer. */
    public String output() { return output; }

    /** Name of the vertex feeding the output layer: its activations are the pooled embedding. */
    public String pooled() { return pooled; }

    /** Size of the embedding layer's vocabulary (TOKENS); 0 for PATCHES. */
    public int vocabularySize() { return vocabularySize; }

    /**
     * Length of one patch vector (PATCHES) when the first layer states it ({@code nIn}); 0 for TOKENS
     * or when only the layer's own input check knows it (then {@link #mismatches} still checks it).
     */
    public int patchDim() { return patchDim; }

    public int numClasses() { return numClasses; }

    /** Width of the pooled embedding (the output layer's input size). */
    public int embeddingSize() { return embeddingSize; }

    /**
     * Every way in which rows described by {@code spec} do not fit this model; empty if they fit.
     * Call on the driver, where the configuration was read.
     */
    public List<String> mismatches(BatchSpec spec) {
        List<String> problems = new ArrayList<>();
        if (spec.kind() != kind) {
            problems.add("the model reads " + kind + " but the data spec has kind " + spec.kind());
            return problems;
        }
        if (kind == InputKind.TOKENS && spec.vocabularySize() != vocabularySize) {
            problems.add("the model's vocabulary has " + vocabularySize + " tokens but the data spec has vocabularySize "
                    + spec.vocabularySize());
        }
        if (kind == InputKind.PATCHES) {
            String refusal = firstLayerRefusal(spec.patchDim());
            if (refusal != null) {
                problems.add("the model's first layer does not take patches of patchDim " + spec.patchDim() + ": "
                        + refusal);
            }
        }
        if (spec.numClasses() != numClasses) {
            problems.add("the model predicts " + numClasses + " classes but the data spec has numClasses "
                    + spec.numClasses());
        }
        return problems;
    }

    /**
     * Why the first layer refuses sequences of {@code width} channels, or null if it takes them: its
     * {@code nIn} for layers that have one, otherwise the layer's own input-type check.
     */
    private String firstLayerRefusal(int width) {
        if (firstLayer == null) {
            throw new IllegalStateException("the model's configuration is only available on the driver");
        }
        if (firstLayer instanceof FeedForwardLayer feedForward) {
            return feedForward.getNIn() == width ? null : "its nIn is " + feedForward.getNIn();
        }
        try {
            firstLayer.clone().getOutputType(0, InputType.recurrent(width));
            return null;
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    /**
     * Checks that rows described by {@code spec} fit this model.
     *
     * @param model the model's location, named in the message
     * @throws IncompatibleModelException listing every mismatch
     */
    public void requireCompatible(BatchSpec spec, String model) {
        List<String> problems = mismatches(spec);
        if (!problems.isEmpty()) {
            throw new IncompatibleModelException(model, problems);
        }
    }

    @Override
    public String toString() {
        return "ModelSignature{" + kind + (kind == InputKind.TOKENS ? " vocabulary " + vocabularySize : "")
                + ", input '" + input + "', output '" + output + "' (" + numClasses + " classes), pooled '" + pooled
                + "' (" + embeddingSize + " wide)}";
    }
}
