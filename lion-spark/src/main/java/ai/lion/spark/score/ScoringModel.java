package ai.lion.spark.score;

import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * A trained model loaded for inference in one JVM and shared by the tasks running there.
 *
 * <p>DL4J graphs keep per-call state (inputs, masks) in their layers, so one instance cannot run two
 * forward passes at once. {@link #withGraph} therefore lends each concurrent caller its own graph
 * object; every such replica is initialised on the same parameter array (no copy), so the parameters
 * are held once, however many tasks share the model.
 */
public final class ScoringModel {

    private final ComputationGraph graph;
    private final ModelSignature signature;
    private final String modelConfigJson;
    private final Queue<ComputationGraph> idle = new ConcurrentLinkedQueue<>();

    /**
     * @param graph           the trained graph; its updater state, if any, is dropped
     * @param modelConfigJson the model's own configuration (e.g. a LionConfig), or null if unknown
     */
    public ScoringModel(ComputationGraph graph, ModelSignature signature, String modelConfigJson) {
        this.graph = Objects.requireNonNull(graph, "graph");
        this.signature = Objects.requireNonNull(signature, "signature");
        this.modelConfigJson = modelConfigJson;
        graph.setUpdater(null);
        idle.add(graph);
    }

    public ModelSignature signature() {
        return signature;
    }

    /** The model's own configuration JSON (a checkpoint's {@code model-config.json}), if the source has one. */
    public Optional<String> modelConfigJson() {
        return Optional.ofNullable(modelConfigJson);
    }

    /**
     * Runs {@code work} with a graph no other thread uses meanwhile; it must not keep the graph or
     * change its parameters.
     */
    public <T> T withGraph(Function<ComputationGraph, T> work) {
        ComputationGraph lent = idle.poll();
        if (lent == null) {
            lent = replica();
        }
        try {
            return work.apply(lent);
        } finally {
            idle.add(lent);
        }
    }

    private ComputationGraph replica() {
        ComputationGraph replica = new ComputationGraph(graph.getConfiguration().clone());
        replica.init(graph.params(), false);
        return replica;
    }
}
