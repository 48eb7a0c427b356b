package ai.lion.spark.checkpoint;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Everything a training run needs to continue: the graph (parameters and updater state), where
 * training stands, the configurations that describe the model, and the metrics so far.
 *
 * <p>Build one with {@link #builder(ComputationGraph, TrainingCursor)} to write it to a
 * {@link CheckpointStore}; {@link CheckpointStore#load(CheckpointInfo)} returns one restored from
 * storage. The graph is live and mutable (it belongs to the trainer); everything else is immutable.
 */
public final class Checkpoint {

    private final ComputationGraph graph;
    private final String graphJson;
    private final TrainingCursor cursor;
    private final String modelConfigJson;
    private final List<String> metricsLog;
    private final Scores scores;

    Checkpoint(ComputationGraph graph, String graphJson, TrainingCursor cursor, String modelConfigJson,
               List<String> metricsLog, Scores scores) {
        this.graph = Objects.requireNonNull(graph, "graph");
        this.graphJson = Objects.requireNonNull(graphJson, "graphJson");
        this.cursor = Objects.requireNonNull(cursor, "cursor");
        this.modelConfigJson = Objects.requireNonNull(modelConfigJson, "modelConfigJson");
        this.metricsLog = List.copyOf(metricsLog);
        this.scores = Objects.requireNonNull(scores, "scores");
    }

    /** Starts a checkpoint of {@code graph} (saved with its updater state) taken at {@code cursor}. */
    public static Builder builder(ComputationGraph graph, TrainingCursor cursor) {
        return new Builder(graph, cursor);
    }

    /** The network, with parameters and updater state. */
    public ComputationGraph graph() {
        return graph;
    }

    /** DL4J's JSON of the graph configuration, as stored. */
    public String graphJson() {
        return graphJson;
    }

    /** Where training resumes. */
    public TrainingCursor cursor() {
        return cursor;
    }

    /** The caller's own model configuration (opaque JSON, stored verbatim). */
    public String modelConfigJson() {
        return modelConfigJson;
    }

    /** The metrics so far, one JSON object per line, oldest first. */
    public List<String> metricsLog() {
        return metricsLog;
    }

    /** The scores that rank this checkpoint (see {@link RetentionPolicy}). */
    public Scores scores() {
        return scores;
    }

    /** Collects the optional parts of a {@link Checkpoint}; every setter validates its argument. */
    public static final class Builder {

        private final ComputationGraph graph;
        private final TrainingCursor cursor;
        private String modelConfigJson = "{}";
        private List<String> metricsLog = List.of();
        private final Map<String, Double> scores = new LinkedHashMap<>();

        private Builder(ComputationGraph graph, TrainingCursor cursor) {
            this.graph = Objects.requireNonNull(graph, "graph");
            this.cursor = Objects.requireNonNull(cursor, "cursor");
        }

        /** The project's model configuration as JSON; {@code {}} if not set. */
        public Builder modelConfigJson(String json) {
            this.modelConfigJson = Json.requireWellFormed("modelConfigJson", json);
            return this;
        }

        /** The metrics so far, each line one JSON object; none if not set. */
        public Builder metricsLog(List<String> lines) {
            this.metricsLog = Json.requireObjectLines("metricsLog", lines);
            return this;
        }

        /** Records a finite score, for example {@code score("val_loss", 0.31)}. */
        public Builder score(String name, double value) {
            scores.put(Scores.requireValid(name, value), value);
            return this;
        }

        /** The checkpoint; the graph's configuration JSON is taken now. */
        public Checkpoint build() {
            return new Checkpoint(graph, graph.getConfiguration().toJson(), cursor, modelConfigJson, metricsLog,
                    new Scores(scores));
        }
    }
}
