package ai.lion.spark.checkpoint;

import java.util.List;

/** The names of the files inside one checkpoint directory. */
final class CheckpointFiles {

    /** Parameters and updater state, as written by DL4J's {@code ModelSerializer}. */
    static final String MODEL = "model.zip";
    /** DL4J's JSON of the graph configuration (also inside {@link #MODEL}; here for people and tools). */
    static final String GRAPH_CONFIG = "graph.json";
    /** The caller's model configuration, verbatim. */
    static final String MODEL_CONFIG = "model-config.json";
    /** The metrics so far, JSON lines. */
    static final String METRICS = "metrics.jsonl";
    /** The {@link Manifest}: cursor, scores, and the size and SHA-256 of every file above. */
    static final String MANIFEST = "manifest.json";
    /** The SHA-256 of {@link #MANIFEST} in {@code sha256sum} format, so that every byte is covered. */
    static final String MANIFEST_CHECKSUM = "manifest.json.sha256";

    /** The files a manifest must list. */
    static final List<String> CONTENT = List.of(MODEL, GRAPH_CONFIG, MODEL_CONFIG, METRICS);

    private CheckpointFiles() {
    }
}
