package ai.lion.bench.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CalibrationTest {

    private static final long BYTES = 4_000_000;

    /** A run whose split took {@code f · step} fitting plus {@code overhead}. */
    private static SplitMeasurement run(int workers, int f, int batch, double step, double overhead) {
        double fit = f * step;
        return new SplitMeasurement("local[" + workers + "]", workers, f, batch, 3, 1.0,
                Map.of(SplitMeasurement.WALL, fit + overhead, SplitMeasurement.FIT, fit), 1.0, step, 100_000, BYTES, 0.01, 2);
    }

    @Test
    void recoversLatencyAndPerByteTimeAndTheOneWorkerStep() {
        // latency 0.3 s, 2 ns per byte: 1 worker (2 copies) 0.3 + 2 · 4e6 · 2e-9 = 0.316 s, 2 workers (3 copies) 0.324 s
        List<SplitMeasurement> runs = new ArrayList<>();
        for (int f : new int[] {1, 5, 20}) {
            runs.add(run(1, f, 64, 0.06, 0.316));
            runs.add(run(2, f, 64, 0.08, 0.324));  // two workers share the cores: slower steps
            runs.add(run(1, f, 128, 0.11, 0.316));
            runs.add(run(2, f, 128, 0.15, 0.324));
        }
        Map<Integer, CostModel> models = Calibration.fit(runs);
        assertEquals(List.of(64, 128), List.copyOf(models.keySet()));
        CostModel small = models.get(64);
        assertEquals(0.3, small.latencySeconds(), 1e-9);
        assertEquals(2e-9, small.secondsPerByte(), 1e-15);
        assertEquals(0.06, small.stepSeconds(), 1e-12, "the step of the 1-worker runs");
        assertEquals(0.11, models.get(128).stepSeconds(), 1e-12);
        assertEquals(BYTES, small.bytes());
        assertEquals(100_000, small.parameters());
    }

    @Test
    void aSlopeBelowZeroLeavesTheMeanOverheadAsLatency() {
        // more copies took less time (noise): per-byte time 0, latency the mean of 0.5 and 0.3
        Map<Integer, CostModel> models = Calibration.fit(List.of(run(1, 5, 64, 0.05, 0.5), run(2, 5, 64, 0.05, 0.3)));
        assertEquals(0.4, models.get(64).latencySeconds(), 1e-12);
        assertEquals(0, models.get(64).secondsPerByte());
    }

    @Test
    void anInterceptBelowZeroLeavesALineThroughTheOrigin() {
        // overheads 0.016 (2 copies) and 0.036 (3 copies) of 4 MB: the line has intercept -0.024, so
        // latency 0 and slope Σxy / Σx² = (8e6 · 0.016 + 12e6 · 0.036) / (8e6² + 12e6²) = 2.692307...e-9
        Map<Integer, CostModel> models = Calibration.fit(List.of(run(1, 5, 64, 0.05, 0.016),
                run(2, 5, 64, 0.05, 0.036)));
        assertEquals(0, models.get(64).latencySeconds());
        assertEquals((8e6 * 0.016 + 12e6 * 0.036) / (64e12 + 144e12), models.get(64).secondsPerByte(), 1e-18);
    }

    @Test
    void rejectsNoRuns() {
        assertThrows(IllegalArgumentException.class, () -> Calibration.fit(List.of()));
    }
}
