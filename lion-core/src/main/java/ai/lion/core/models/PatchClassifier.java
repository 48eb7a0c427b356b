package ai.lion.core.models;

import ai.lion.core.layers.embed.PatchEmbedding;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.inputs.InputType;

/**
 * The patch-sequence image classifier (ViT/DeiT layout, docs/lion-math.md §8): patch projection with a
 * cls token prepended, optional learned positions, LION blocks, final LayerNorm, MEAN pooling over
 * every token including cls (or CLS pooling), softmax.
 *
 * <p>Input {@link LionModels#INPUT}: {@code [batch, patchDim, numPatches]} float, patches in raster
 * order ({@link ImagePatches#toSequence}). Labels: one-hot {@code [batch, numClasses]}. Loss: MCXENT.
 *
 * <p>The cls token is an ordinary position for the attention layers: under LION-S its selective decay
 * gate is computed from its features like any other token's. (The authors' image code instead forces
 * the cls position's gate to 1, docs/lion-math.md §7; the masked-language model does not, and the
 * three forms here treat every position alike.)
 */
public final class PatchClassifier {

    private PatchClassifier() {
    }

    /** The graph configuration for a PATCHES / CLASSIFY {@code config}. */
    public static ComputationGraphConfiguration configuration(LionConfig config, AdamW optimizer) {
        PatchInput patches = ModelGraph.requireKind(config, PatchInput.class, Task.CLASSIFY, "PatchClassifier");
        GraphBuilder graph = ModelGraph.start(config, optimizer,
                InputType.recurrent(patches.patchDim(), patches.numPatches()));
        graph.addLayer(Encoder.EMBEDDING,
                new PatchEmbedding(patches.patchDim(), patches.numPatches(), config.width()), LionModels.INPUT);
        ClassifierHead.addTo(graph, config, Encoder.addTo(graph, config, Encoder.EMBEDDING));
        return ModelGraph.finish(graph);
    }
}
