package ai.lion.bench.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Every expected value below is worked out by hand from the formulas in {@link CostModel}'s javadoc. */
class CostModelTest {

    private static final double GBIT = 1e9;
    /** batch 64, 50 ms per step, 1 M parameters in 12 MB, 0.2 s per round, 1 ns per byte, depth 2 */
    private final CostModel model = new CostModel(64, 0.05, 1_000_000, 12_000_000, 0.2, 1e-9, 2);

    @Test
    void eightWorkersAtOneGigabit() {
        // copies = 1 broadcast + 4 + 2 results = 7; comm = 0.2 + 7 · 12e6 · (1e-9 + 8e-9) = 0.956 s
        assertEquals(7, CostModel.copies(8, 2));
        assertEquals(0.956, model.communicationSeconds(8, GBIT), 1e-12);
        // f = 5: 0.25 + 0.956 = 1.206 s; 8 · 5 · 64 = 2560 examples
        assertEquals(1.206, model.splitSeconds(8, 5, GBIT), 1e-12);
        assertEquals(2560 / 1.206, model.examplesPerSecond(8, 5, GBIT), 1e-9);
        assertEquals(0.25 / 1.206, model.efficiency(8, 5, GBIT), 1e-12);
    }

    @Test
    void withoutNetworkOnlyLatencyAndProcessingRemain() {
        // one worker: copies = 2; 0.2 + 2 · 12e6 · 1e-9 = 0.224 s
        assertEquals(0.224, model.communicationSeconds(1, Double.POSITIVE_INFINITY), 1e-12);
    }

    @Test
    void smallestAveragingFrequencyForNinetyPercent() {
        // 9 · 0.956 / 0.05 = 172.08, so 173; 172 falls short and 173 reaches 0.9
        assertEquals(173, model.smallestAveragingFrequency(8, GBIT, 0.9));
        assertTrue(model.efficiency(8, 172, GBIT) < 0.9);
        assertTrue(model.efficiency(8, 173, GBIT) >= 0.9);
        // an exact boundary: comm = 0.45 s, 9 · 0.45 / 0.05 = 81 exactly
        CostModel latencyOnly = new CostModel(64, 0.05, 1, 1, 0.45, 0, 2);
        assertEquals(81, latencyOnly.smallestAveragingFrequency(8, Double.POSITIVE_INFINITY, 0.9));
        assertEquals(1, new CostModel(64, 0.05, 1, 1, 0, 0, 2).smallestAveragingFrequency(8, GBIT, 0.9),
                "no communication: every frequency keeps the workers busy");
        assertThrows(IllegalArgumentException.class, () -> model.smallestAveragingFrequency(8, GBIT, 1.0));
    }

    @Test
    void scalingTheModelScalesBytesAndStepAlike() {
        CostModel large = model.scaledTo(10_000_000);
        assertEquals(0.5, large.stepSeconds(), 1e-12);
        assertEquals(120_000_000, large.bytes());
        assertEquals(0.2, large.latencySeconds());
        // 256 workers at 10 Gbit/s: copies 1 + 32 = 33; comm = 0.2 + 33 · 1.2e8 · (1e-9 + 0.8e-9) = 7.328 s
        assertEquals(7.328, large.communicationSeconds(256, 10 * GBIT), 1e-9);
    }

    @Test
    void rejectsNonPositiveStep() {
        assertThrows(IllegalArgumentException.class, () -> new CostModel(64, 0, 1, 1, 0, 0, 2));
    }
}
