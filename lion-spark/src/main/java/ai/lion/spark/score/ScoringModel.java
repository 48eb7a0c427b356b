package ai.lion.spark.score;

import ai.lion.core.models.LionConfig;
import ai.lion.core.models.LionModel;
import java.lang.ref.Cleaner;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * A trained model loaded for inference in one JVM and shared by the tasks running there.
 *
 * <p>DL4J graphs keep per-call state (inputs, masks) in their layers, so one instance cannot run two
 * forward passes at once. {@link #withGraph} therefore lends each concurrent caller its own graph
 * object; every such replica is initialised on the same parameter array (no copy), so the parameters
 * are held once, however many tasks share the model.
 *
 * <p>Each replica runs only on a thread of its own ({@code GraphLane}), never on the caller's thread.
 * ND4J keeps native memory per thread that ran a graph (workspaces, SameDiff sessions), and frees it
 * neither when the thread ends nor when it idles; Spark's task threads come and go, so running on
 * them would leave one set behind per task thread that ever scored. This way the memory is one set
 * per concurrent caller. The threads end, freeing their workspaces, once the model is unreachable.
 */
public final class ScoringModel {

    private static final Cleaner CLEANER = Cleaner.create();

    private final ComputationGraph graph;
    private final LionConfig config;
    private final Queue<GraphLane> idle = new ConcurrentLinkedQueue<>();
    private final List<GraphLane> lanes = new CopyOnWriteArrayList<>();

    /** Takes over the network of {@code model}; its updater state, if any, is dropped. */
    public ScoringModel(LionModel model) {
        this.graph = model.network();
        this.config = model.config();
        graph.setUpdater(null);
        idle.add(newLane(graph));
        List<GraphLane> toClose = lanes;
        CLEANER.register(this, () -> toClose.forEach(GraphLane::close));
    }

    /** The model's configuration. */
    public LionConfig config() {
        return config;
    }

    /**
     * Runs {@code work} with a graph no other caller uses meanwhile and returns its result; it runs on
     * a thread that belongs to that graph, so it must not rely on the caller's thread (its task
     * context or thread-locals). It must not keep the graph or change its parameters.
     */
    public <T> T withGraph(Function<ComputationGraph, T> work) {
        GraphLane lane = idle.poll();
        if (lane == null) {
            lane = newLane(replica());
        }
        try {
            return lane.run(work);
        } finally {
            idle.add(lane);
        }
    }

    private GraphLane newLane(ComputationGraph laneGraph) {
        GraphLane lane = new GraphLane(laneGraph);
        lanes.add(lane);
        return lane;
    }

    private ComputationGraph replica() {
        ComputationGraph replica = new ComputationGraph(graph.getConfiguration().clone());
        replica.init(graph.params(), false);
        return replica;
    }
}
