package ai.lion.spark.checkpoint;

import ai.lion.core.models.LionModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a training run needs to continue: the {@link LionModel} (network with parameters and
 * updater state, its configuration and provenance), where training stands, and the metrics so far.
 *
 * <p>Build one with {@link #builder(LionModel, TrainingCursor)} to write it to a {@link CheckpointStore};
 * {@link CheckpointStore#load(CheckpointInfo)} returns one restored from storage. The model's network
 * is live and mutable (it belongs to the trainer); everything else is immutable.
 */
public final class Checkpoint {

    private final LionModel model;
    private final TrainingCursor cursor;
    private final List<String> metricsLog;
    private final Scores scores;

    Checkpoint(LionModel model, TrainingCursor cursor, List<String> metricsLog, Scores scores) {
        this.model = Objects.requireNonNull(model, "model");
        this.cursor = Objects.requireNonNull(cursor, "cursor");
        this.metricsLog = List.copyOf(metricsLog);
        this.scores = Objects.requireNonNull(scores, "scores");
    }

    /** Starts a checkpoint of {@code model} (saved with its updater state) taken at {@code cursor}. */
    public static Builder builder(LionModel model, TrainingCursor cursor) {
        return new Builder(model, cursor);
    }

    /** The model: network with parameters and updater state, its LionConfig and provenance. */
    public LionModel model() {
        return model;
    }

    /** Where training resumes. */
    public TrainingCursor cursor() {
        return cursor;
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

        private final LionModel model;
        private final TrainingCursor cursor;
        private List<String> metricsLog = List.of();
        private final Map<String, Double> scores = new LinkedHashMap<>();

        private Builder(LionModel model, TrainingCursor cursor) {
            this.model = Objects.requireNonNull(model, "model");
            this.cursor = Objects.requireNonNull(cursor, "cursor");
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

        /** The checkpoint. */
        public Checkpoint build() {
            return new Checkpoint(model, cursor, metricsLog, new Scores(scores));
        }
    }
}
