package ai.lion.spark.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;

/** Which checkpoints a {@link RetentionPolicy} keeps, without any file system. */
class CheckpointRetentionPolicyTest {

    private static CheckpointInfo scored(long sequence, Map<String, Double> scores) {
        return new CheckpointInfo(sequence, new Path("file:/runs/a/ckpt-" + sequence), Instant.EPOCH,
                new TrainingCursor((int) sequence, 0), new Scores(scores));
    }

    private static List<CheckpointInfo> withLoss(double... losses) {
        return java.util.stream.IntStream.range(0, losses.length)
                .mapToObj(i -> scored(i + 1, Map.of("val_loss", losses[i], "val_acc", 1 - losses[i])))
                .toList();
    }

    @Test
    void keepsOnlyTheNewestWithoutABestMetric() {
        List<CheckpointInfo> all = withLoss(0.1, 0.5, 0.6, 0.7, 0.8);
        assertEquals(Set.of(3L, 4L, 5L), RetentionPolicy.defaults().retained(all));
        assertEquals(Set.of(5L), RetentionPolicy.keepLast(1).retained(all));
        assertEquals(Set.of(1L, 2L), RetentionPolicy.keepLast(4).retained(withLoss(0.1, 0.5)));
    }

    @Test
    void alsoKeepsTheBestByTheNamedMetricInEitherDirection() {
        List<CheckpointInfo> all = withLoss(0.9, 0.2, 0.5, 0.6, 0.4);
        RetentionPolicy lowestLoss = RetentionPolicy.keepLast(2).andBest("val_loss", MetricGoal.LOWER_IS_BETTER);
        assertEquals(Set.of(2L, 4L, 5L), lowestLoss.retained(all));
        RetentionPolicy highestLoss = RetentionPolicy.keepLast(2).andBest("val_loss", MetricGoal.HIGHER_IS_BETTER);
        assertEquals(Set.of(1L, 4L, 5L), highestLoss.retained(all));
        RetentionPolicy bestAccuracy = RetentionPolicy.keepLast(1).andBest("val_acc", MetricGoal.HIGHER_IS_BETTER);
        assertEquals(Set.of(2L, 5L), bestAccuracy.retained(all));
    }

    @Test
    void theBestAmongEqualScoresIsTheOldestAndCheckpointsWithoutTheScoreNeverWin() {
        List<CheckpointInfo> all = List.of(scored(1, Map.of("other", 0.0)), scored(2, Map.of("val_loss", 0.3)),
                scored(3, Map.of("val_loss", 0.3)), scored(4, Map.of()));
        RetentionPolicy policy = RetentionPolicy.keepLast(1).andBest("val_loss", MetricGoal.LOWER_IS_BETTER);
        assertEquals(Optional.of(all.get(1)), policy.best(all));
        assertEquals(Set.of(2L, 4L), policy.retained(all));
        assertEquals(Optional.empty(), policy.best(List.of(all.get(0), all.get(3))));
    }

    @Test
    void rejectsNonsense() {
        assertEquals("keepLast count must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> RetentionPolicy.keepLast(0)).getMessage());
        assertEquals("best metric name must not be blank, got ' '", assertThrows(IllegalArgumentException.class,
                () -> RetentionPolicy.defaults().andBest(" ", MetricGoal.LOWER_IS_BETTER)).getMessage());
        assertThrows(NullPointerException.class, () -> RetentionPolicy.defaults().andBest("val_loss", null));
    }

    @Test
    void describesItself() {
        assertEquals("keep last 3", RetentionPolicy.defaults().toString());
        assertEquals("keep last 2 and best by f1 (HIGHER_IS_BETTER)",
                RetentionPolicy.keepLast(2).andBest("f1", MetricGoal.HIGHER_IS_BETTER).toString());
    }
}
