package ai.lion.bench.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class MeasuredEpochTest {

    private static String split(int epoch, int split, long examples, double seconds) {
        return "{\"type\":\"split\",\"epoch\":" + epoch + ",\"split\":" + split + ",\"splits\":2,\"examples\":" + examples
                + ",\"train_loss\":1.0,\"learning_rate\":0.001,\"seconds\":" + seconds + "}";
    }

    private static String times(int epoch, double busy, double step, double wall, double fit) {
        return "{\"type\":\"split_times\",\"epoch\":" + epoch + ",\"splits\":2,\"busy_workers\":" + busy
                + ",\"tasks_per_split\":2,\"fit_seconds_per_minibatch\":" + step
                + ",\"seconds_per_split\":{\"wall\":" + wall + ",\"outside_tasks\":0.1,\"fit\":" + fit + "}}";
    }

    @Test
    void readsTheLastEpochWithSplitTimes() {
        List<String> lines = List.of("{\"type\":\"run\",\"event\":\"start\"}",
                split(0, 0, 128, 4.0), split(0, 1, 128, 4.0), times(0, 0.5, 0.2, 4.0, 2.0),
                "{\"type\":\"epoch\",\"epoch\":0}",
                split(1, 0, 128, 1.5), split(1, 1, 64, 0.5), times(1, 1.5, 0.05, 1.0, 0.75));

        MeasuredEpoch epoch = MeasuredEpoch.last(lines);

        assertEquals(2, epoch.splits());
        assertEquals(192 / 2.0, epoch.examplesPerSecond(), 1e-12, "epoch 1's examples over its split seconds");
        assertEquals(1.5, epoch.busyWorkers());
        assertEquals(0.05, epoch.stepSeconds());
        assertEquals(List.of("wall", "outside_tasks", "fit"), List.copyOf(epoch.perSplit().keySet()));
        assertEquals(1.0, epoch.perSplit().get("wall"));
        assertEquals(0.75, epoch.perSplit().get("fit"));
    }

    @Test
    void aLogWithoutSplitTimesIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MeasuredEpoch.last(List.of(split(0, 0, 128, 4.0))));
        assertEquals("the metrics log has no split_times line; did the training run finish an epoch?", e.getMessage());
    }
}
