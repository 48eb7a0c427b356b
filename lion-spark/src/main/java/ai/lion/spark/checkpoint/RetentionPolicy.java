package ai.lion.spark.checkpoint;

import java.util.Collection;
import java.util.Comparator;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which checkpoints survive a write: the newest {@link #lastCount()} and, if a metric is named,
 * the best one by that metric. Immutable.
 *
 * <pre>{@code
 * RetentionPolicy.keepLast(3).andBest("val_loss", MetricGoal.LOWER_IS_BETTER)
 * }</pre>
 */
public final class RetentionPolicy {

    /** How many of the newest checkpoints {@link #defaults()} keeps. */
    public static final int DEFAULT_KEEP_LAST = 3;

    private final int lastCount;
    private final String bestMetric;
    private final MetricGoal bestGoal;

    private RetentionPolicy(int lastCount, String bestMetric, MetricGoal bestGoal) {
        this.lastCount = lastCount;
        this.bestMetric = bestMetric;
        this.bestGoal = bestGoal;
    }

    /** Keeps the newest {@value #DEFAULT_KEEP_LAST} checkpoints. */
    public static RetentionPolicy defaults() {
        return keepLast(DEFAULT_KEEP_LAST);
    }

    /** Keeps the newest {@code count} checkpoints ({@code count >= 1}). */
    public static RetentionPolicy keepLast(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("keepLast count must be >= 1, got " + count);
        }
        return new RetentionPolicy(count, null, null);
    }

    /**
     * Also keeps the checkpoint with the best score called {@code metric}; among equal scores the
     * oldest wins, and checkpoints without that score are never the best.
     */
    public RetentionPolicy andBest(String metric, MetricGoal goal) {
        if (metric == null || metric.isBlank()) {
            throw new IllegalArgumentException("best metric name must not be blank, got '" + metric + "'");
        }
        return new RetentionPolicy(lastCount, metric, Objects.requireNonNull(goal, "goal"));
    }

    /** How many of the newest checkpoints are kept. */
    public int lastCount() {
        return lastCount;
    }

    /** The score that names the best checkpoint, if any. */
    public Optional<String> bestMetric() {
        return Optional.ofNullable(bestMetric);
    }

    /** Which way {@link #bestMetric()} improves; empty when there is no best metric. */
    public Optional<MetricGoal> bestGoal() {
        return Optional.ofNullable(bestGoal);
    }

    /** The best of {@code checkpoints} by {@link #bestMetric()}; empty without a metric or scores. */
    Optional<CheckpointInfo> best(Collection<CheckpointInfo> checkpoints) {
        if (bestMetric == null) {
            return Optional.empty();
        }
        CheckpointInfo best = null;
        double bestScore = Double.NaN;
        for (CheckpointInfo candidate : checkpoints.stream()
                .sorted(Comparator.comparingLong(CheckpointInfo::sequence)).toList()) {
            OptionalDouble score = candidate.scores().get(bestMetric);
            if (score.isPresent() && (best == null || bestGoal.isBetter(score.getAsDouble(), bestScore))) {
                best = candidate;
                bestScore = score.getAsDouble();
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The sequence numbers to keep out of {@code described}, the checkpoints whose manifests could be
     * read: a checkpoint that cannot be described never takes the place of one that can.
     */
    Set<Long> retained(Collection<CheckpointInfo> described) {
        NavigableSet<Long> keep = new TreeSet<>();
        described.stream().map(CheckpointInfo::sequence).sorted(Comparator.reverseOrder()).limit(lastCount)
                .forEach(keep::add);
        best(described).ifPresent(info -> keep.add(info.sequence()));
        return keep;
    }

    @Override
    public String toString() {
        return bestMetric == null
                ? "keep last " + lastCount
                : "keep last " + lastCount + " and best by " + bestMetric + " (" + bestGoal + ")";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RetentionPolicy that && lastCount == that.lastCount
                && Objects.equals(bestMetric, that.bestMetric) && bestGoal == that.bestGoal;
    }

    @Override
    public int hashCode() {
        return Objects.hash(lastCount, bestMetric, bestGoal);
    }
}
