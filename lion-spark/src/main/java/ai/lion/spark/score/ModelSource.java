package ai.lion.spark.score;

import ai.lion.core.models.LionConfig;
import java.io.IOException;
import java.io.Serializable;

/**
 * Where executors get a trained model from. Resolved on the driver (which reads the model's
 * {@link #config()} there), then shipped with the tasks; each executor JVM loads it once through the
 * {@link ModelCache}.
 */
public interface ModelSource extends Serializable {

    /**
     * Identifies the model's content within the JVM: two sources with equal keys must load the same
     * model (for a file: its path and modification time).
     */
    String cacheKey();

    /** The model's location or origin, for messages. */
    String describe();

    /** The model's configuration: what it reads and predicts. */
    LionConfig config();

    /** Loads the model; called by the {@link ModelCache}, at most once per key and JVM while cached. */
    ScoringModel load() throws IOException;
}
