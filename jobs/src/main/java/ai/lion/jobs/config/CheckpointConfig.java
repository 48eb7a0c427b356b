package ai.lion.jobs.config;

import ai.lion.spark.checkpoint.MetricGoal;
import ai.lion.spark.checkpoint.RetentionPolicy;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * The {@code checkpoint} section: the checkpoints of a training run.
 *
 * @param path        directory of the run's checkpoints and metrics log
 * @param everySplits also checkpoint every this many averaging splits within an epoch; 0: epoch ends only
 * @param keepLast    how many of the newest checkpoints are kept
 * @param keepBestBy  score by which the best checkpoint is also kept, if any
 * @param bestGoal    which way {@code keepBestBy} improves
 * @param resume      whether training continues from the newest valid checkpoint
 * @param takeOverLock whether training takes the run lock of {@code path} from a (dead) run holding it
 * @param select      which checkpoint evaluate and score load
 */
public record CheckpointConfig(String path, int everySplits, int keepLast, Optional<String> keepBestBy,
                               MetricGoal bestGoal, boolean resume, boolean takeOverLock, Selection select) {

    /**
     * Which checkpoint to load: the newest valid one, the best one by {@code checkpoint.keep-best-by},
     * or the one with a given sequence number.
     *
     * @param kind     latest, best or sequence
     * @param sequence the sequence number when {@code kind} is {@link Kind#SEQUENCE}
     */
    public record Selection(Kind kind, OptionalLong sequence) {

        /** How a checkpoint is picked. */
        public enum Kind { LATEST, BEST, SEQUENCE }

        static final String RULE = "must be latest, best or a checkpoint sequence number >= 0";

        /** Parses {@code latest}, {@code best} or a sequence number; empty if it is none of them. */
        static Optional<Selection> parse(String text) {
            switch (text) {
                case "latest":
                    return Optional.of(new Selection(Kind.LATEST, OptionalLong.empty()));
                case "best":
                    return Optional.of(new Selection(Kind.BEST, OptionalLong.empty()));
                default:
                    try {
                        long sequence = Long.parseLong(text);
                        return sequence < 0 ? Optional.empty()
                                : Optional.of(new Selection(Kind.SEQUENCE, OptionalLong.of(sequence)));
                    } catch (NumberFormatException e) {
                        return Optional.empty();
                    }
            }
        }
    }

    /** The checkpoint store's retention: the newest {@code keepLast}, and the best by {@code keepBestBy} if set. */
    public RetentionPolicy retention() {
        RetentionPolicy last = RetentionPolicy.keepLast(keepLast);
        return keepBestBy.map(metric -> last.andBest(metric, bestGoal)).orElse(last);
    }

    /** Reads and checks the section; problems are recorded in {@code reader}. */
    public static CheckpointConfig read(ConfigReader reader) {
        String selectText = reader.string("checkpoint.select");
        Optional<Selection> select = Selection.parse(selectText);
        if (select.isEmpty() && reader.valid("checkpoint.select")) {
            reader.reject("checkpoint.select", Selection.RULE);
        }
        CheckpointConfig checkpoint = new CheckpointConfig(
                reader.path("checkpoint.path"),
                reader.intAtLeast("checkpoint.every-splits", 0),
                reader.intAtLeast("checkpoint.keep-last", 1),
                reader.optionalString("checkpoint.keep-best-by"),
                reader.choice("checkpoint.best-goal", MetricGoal.class),
                reader.bool("checkpoint.resume"),
                reader.bool("checkpoint.take-over-lock"),
                select.orElse(new Selection(Selection.Kind.LATEST, OptionalLong.empty())));
        if (checkpoint.select.kind() == Selection.Kind.BEST && checkpoint.keepBestBy.isEmpty()) {
            reader.reject("checkpoint.select", "needs checkpoint.keep-best-by, the score that ranks the checkpoints");
        }
        return checkpoint;
    }
}
