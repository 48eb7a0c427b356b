package ai.lion.spark.checkpoint;

import java.util.List;

/** The names of the files inside one checkpoint directory. */
final class CheckpointFiles {

    /**
     * The {@link ai.lion.core.models.LionModel} file (network with updater state, LionConfig, provenance);
     * it can be scored or loaded by itself.
     */
    static final String MODEL = "model.zip";
    /** The metrics so far, JSON lines. */
    static final String METRICS = "metrics.jsonl";
    /** The {@link Manifest}: cursor, scores, and the size and SHA-256 of every file above. */
    static final String MANIFEST = "manifest.json";
    /** The SHA-256 of {@link #MANIFEST} in {@code sha256sum} format, so that every byte is covered. */
    static final String MANIFEST_CHECKSUM = "manifest.json.sha256";

    /** The files a manifest must list. */
    static final List<String> CONTENT = List.of(MODEL, METRICS);

    private CheckpointFiles() {
    }
}
