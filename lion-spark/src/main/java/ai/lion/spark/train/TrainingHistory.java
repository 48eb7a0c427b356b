package ai.lion.spark.train;

import ai.lion.spark.checkpoint.TrainingCursor;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Everything measured so far in one run, as records and as the JSON lines that store them: the
 * completed epochs and the splits of the epoch in progress. A restarted run rebuilds it from the
 * checkpoint's lines, so epoch losses and early stopping see the whole run, not just this process.
 */
final class TrainingHistory {

    private final List<String> lines;
    private final List<EpochMetrics> epochs;
    private final List<SplitRecord> currentEpochSplits;
    private RunLayout layout;

    private TrainingHistory(RunLayout layout, List<String> lines, List<EpochMetrics> epochs,
                            List<SplitRecord> currentEpochSplits) {
        this.layout = layout;
        this.lines = lines;
        this.epochs = epochs;
        this.currentEpochSplits = currentEpochSplits;
    }

    /** The history of a fresh run: just its start line. */
    static TrainingHistory start(RunLayout layout, int totalEpochs) {
        List<String> lines = new ArrayList<>();
        lines.add(MetricsLines.start(layout, totalEpochs));
        return new TrainingHistory(layout, lines, new ArrayList<>(), new ArrayList<>());
    }

    /**
     * The history stored with a checkpoint taken at {@code cursor}: the epochs before
     * {@code cursor.epoch()} and the splits of that epoch before {@code cursor.splitIndex()}.
     *
     * @throws IllegalArgumentException if a line is malformed or no line records the run's layout
     */
    static TrainingHistory restore(List<String> storedLines, TrainingCursor cursor) {
        RunLayout layout = null;
        List<EpochMetrics> epochs = new ArrayList<>();
        List<SplitRecord> splits = new ArrayList<>();
        for (String line : storedLines) {
            JsonNode node = MetricsLines.read(line);
            switch (node.get(MetricsLines.TYPE).asText()) {
                case MetricsLines.RUN -> layout = MetricsLines.layoutOf(node);
                case MetricsLines.EPOCH -> {
                    EpochMetrics epoch = MetricsLines.epochOf(node);
                    if (epoch.epoch() < cursor.epoch()) {
                        epochs.add(epoch);
                    }
                }
                case MetricsLines.SPLIT -> {
                    SplitRecord split = MetricsLines.splitOf(node);
                    if (split.epoch() == cursor.epoch() && split.split() < cursor.splitIndex()) {
                        splits.add(split);
                    }
                }
                default -> { } // lines of types added later are kept, not interpreted
            }
        }
        if (layout == null) {
            throw new IllegalArgumentException("the stored metrics have no \"run\" line recording the run's layout");
        }
        return new TrainingHistory(layout, new ArrayList<>(storedLines), epochs, splits);
    }

    /** The layout of the run that wrote this history. */
    RunLayout layout() {
        return layout;
    }

    /** Records a restart from {@code checkpoint} at {@code cursor} with {@code newLayout}. */
    void recordResume(RunLayout newLayout, TrainingCursor cursor, String checkpoint) {
        layout = newLayout;
        lines.add(MetricsLines.resume(newLayout, cursor, checkpoint));
    }

    /** Records where the time of {@code epoch}'s splits went (a line the history keeps but does not read back). */
    void recordSplitTimes(int epoch, SplitTimes times) {
        lines.add(MetricsLines.splitTimes(epoch, times));
    }

    void recordSplit(SplitRecord split) {
        currentEpochSplits.add(split);
        lines.add(MetricsLines.split(split));
    }

    /**
     * Closes {@code epoch} with its data preparation time, validation result and skipped rows: the
     * training loss is the example-weighted mean of its splits' losses and the training time their sum.
     */
    EpochMetrics completeEpoch(int epoch, int splits, double dataSeconds, EvaluationResult validation,
                               double validationSeconds, SkippedRows skipped) {
        List<SplitRecord> done = currentEpochSplits.stream().filter(split -> split.epoch() == epoch).toList();
        if (done.size() != splits) {
            throw new IllegalStateException("epoch " + epoch + " has " + splits + " splits, but " + done.size()
                    + " were recorded");
        }
        long examples = done.stream().mapToLong(SplitRecord::examples).sum();
        double weightedLoss = done.stream().mapToDouble(split -> split.trainLoss() * split.examples()).sum();
        double seconds = done.stream().mapToDouble(SplitRecord::seconds).sum();
        double lastRate = done.get(done.size() - 1).learningRate();
        EpochMetrics metrics = new EpochMetrics(epoch, splits, examples, weightedLoss / examples, validation.loss(),
                validation.accuracy(), lastRate, dataSeconds, seconds, validationSeconds, skipped);
        epochs.add(metrics);
        currentEpochSplits.clear();
        lines.add(MetricsLines.epoch(metrics));
        return metrics;
    }

    /** Training examples fitted so far: those of the completed epochs and of the current epoch's splits. */
    long examplesSeen() {
        return epochs.stream().mapToLong(EpochMetrics::examples).sum()
                + currentEpochSplits.stream().mapToLong(SplitRecord::examples).sum();
    }

    /** The completed epochs, oldest first. */
    List<EpochMetrics> epochs() {
        return List.copyOf(epochs);
    }

    /** The completed epoch with the lowest validation loss (the earliest among equals). */
    Optional<EpochMetrics> best() {
        return best(epochs);
    }

    /** The epoch of {@code epochs} with the lowest validation loss (the earliest among equals). */
    static Optional<EpochMetrics> best(List<EpochMetrics> epochs) {
        return epochs.stream().min(Comparator.comparingDouble(EpochMetrics::validationLoss));
    }

    /**
     * Whether {@code stopping} ends training now: the last {@code patience} epochs all failed to lower
     * the best validation loss before them by more than {@code minDelta}.
     */
    boolean shouldStop(EarlyStopping stopping) {
        double best = Double.POSITIVE_INFINITY;
        int sinceImprovement = 0;
        for (EpochMetrics epoch : epochs) {
            if (epoch.validationLoss() < best - stopping.minDelta()) {
                best = epoch.validationLoss();
                sinceImprovement = 0;
            } else {
                sinceImprovement++;
            }
        }
        return sinceImprovement >= stopping.patience();
    }

    /** Every line so far, oldest first. */
    List<String> lines() {
        return List.copyOf(lines);
    }
}
