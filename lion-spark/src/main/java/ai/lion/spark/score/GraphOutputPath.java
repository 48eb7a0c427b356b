package ai.lion.spark.score;

import ai.lion.core.models.LionModels;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * The plain path: one forward pass of the DL4J graph over the whole minibatch, reading the softmax
 * output and, if asked, the pooled embedding in the same pass. Memory grows with the longest sequence
 * of the minibatch (quadratically for attention-form LION layers).
 */
public final class GraphOutputPath implements ScoringPath {

    private static final long serialVersionUID = 1L;

    /** The only instance; the path is stateless. */
    public static final GraphOutputPath INSTANCE = new GraphOutputPath();

    private GraphOutputPath() {
    }

    @Override
    public Predictions score(ScoringModel model, MultiDataSet batch, boolean withEmbeddings) {
        List<String> vertices = withEmbeddings ? List.of(LionModels.OUTPUT, LionModels.POOLED)
                : List.of(LionModels.OUTPUT);
        INDArray[] activations = model.withGraph(graph ->
                graph.output(vertices, false, batch.getFeatures(), batch.getFeaturesMaskArrays()));
        return Predictions.of(activations[0], withEmbeddings ? activations[1] : null);
    }

    private Object readResolve() {
        return INSTANCE;
    }

    @Override
    public String toString() {
        return "GraphOutputPath";
    }
}
