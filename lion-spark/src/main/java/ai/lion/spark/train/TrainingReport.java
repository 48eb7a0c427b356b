package ai.lion.spark.train;

import ai.lion.core.models.LionModel;
import ai.lion.spark.checkpoint.CheckpointInfo;
import ai.lion.spark.checkpoint.TrainingCursor;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of {@link LionTrainer#fit}.
 *
 * @param stopReason        why training ended
 * @param epochs            every completed epoch of the run (including those of earlier processes), oldest first
 * @param resumedFrom       where this process took over, if it continued from a checkpoint
 * @param lastCheckpoint    the newest checkpoint, holding the final state
 * @param checkpointSeconds time of each checkpoint this process wrote, in order
 * @param model             the trained model on the driver (network with updater state, config, provenance)
 */
public record TrainingReport(StopReason stopReason, List<EpochMetrics> epochs, Optional<TrainingCursor> resumedFrom,
                             CheckpointInfo lastCheckpoint, List<Double> checkpointSeconds, LionModel model) {

    /** Copies the lists. */
    public TrainingReport {
        epochs = List.copyOf(epochs);
        checkpointSeconds = List.copyOf(checkpointSeconds);
    }

    /** The metrics of the last completed epoch, if any. */
    public Optional<EpochMetrics> finalEpoch() {
        return epochs.isEmpty() ? Optional.empty() : Optional.of(epochs.get(epochs.size() - 1));
    }

    /** The rows skipped as bad, summed over {@link #epochs()}: each epoch reads its splits again. */
    public SkippedRows skippedRows() {
        return epochs.stream().map(EpochMetrics::skipped).reduce(SkippedRows.NONE, SkippedRows::plus);
    }

    /** The epoch with the lowest validation loss (the earliest among equals), if any. */
    public Optional<EpochMetrics> bestEpoch() {
        return TrainingHistory.best(epochs);
    }
}
