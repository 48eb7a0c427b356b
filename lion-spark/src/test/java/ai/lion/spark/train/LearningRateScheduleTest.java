package ai.lion.spark.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    private static final double EXACT = 1e-15;

    @Test
    void warmupRisesLinearlyFromZeroToThePeak() {
        LearningRateSchedule schedule = LearningRateSchedule.warmupCosine(0.8, 2, 0.1);

        assertEquals(0.0, schedule.rateAt(0, 10), EXACT);
        assertEquals(0.2, schedule.rateAt(0.5, 10), EXACT);
        assertEquals(0.6, schedule.rateAt(1.5, 10), EXACT);
        assertEquals(0.8, schedule.rateAt(2, 10), EXACT);
    }

    @Test
    void cosineFallsFromThePeakThroughTheMeanToTheFinalRate() {
        LearningRateSchedule schedule = LearningRateSchedule.warmupCosine(0.8, 2, 0.1);

        assertEquals(0.45, schedule.rateAt(6, 10), 1e-12); // half-way through the decay: (0.8 + 0.1) / 2
        assertEquals(0.1, schedule.rateAt(10, 10), 1e-12);
        // a quarter of the way: final + (peak - final) * (1 + cos(pi/4)) / 2
        assertEquals(0.1 + 0.7 * (1 + Math.sqrt(0.5)) / 2, schedule.rateAt(4, 10), 1e-12);
        double previous = Double.POSITIVE_INFINITY;
        for (double t = 2; t <= 10; t += 0.25) {
            double rate = schedule.rateAt(t, 10);
            assertTrue(rate <= previous, "the decay never rises, at " + t);
            previous = rate;
        }
    }

    @Test
    void theDecayChoosesWhereTheRateGoesAfterTheWarmup() {
        LearningRateSchedule cosine = LearningRateSchedule.of(0.8, 2, LearningRateSchedule.Decay.COSINE, 0.1);
        LearningRateSchedule constant = LearningRateSchedule.of(0.8, 2, LearningRateSchedule.Decay.CONSTANT, 0.1);

        assertEquals(0.4, cosine.rateAt(1, 10), EXACT);
        assertEquals(0.4, constant.rateAt(1, 10), EXACT);
        assertEquals(0.45, cosine.rateAt(6, 10), 1e-12);
        assertEquals(0.1, cosine.rateAt(10, 10), 1e-12);
        for (double t : new double[] {2, 6, 10}) {
            assertEquals(0.8, constant.rateAt(t, 10), EXACT);
        }
    }

    @Test
    void aConstantScheduleIsFlat() {
        LearningRateSchedule constant = LearningRateSchedule.constant(3e-4);

        for (double t : new double[] {0, 0.3, 1, 2.7, 4}) {
            assertEquals(3e-4, constant.rateAt(t, 4), EXACT);
        }
    }

    @Test
    void invalidSettingsAreRejectedByName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.constant(0))
                .getMessage().contains("peakRate"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> LearningRateSchedule.warmupCosine(1e-3, -1, 0)).getMessage().contains("warmupEpochs"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> LearningRateSchedule.warmupCosine(1e-3, 0, 2e-3)).getMessage().contains("finalRate"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> LearningRateSchedule.warmupCosine(1e-3, 3, 0).rateAt(1, 3)).getMessage().contains("warmupEpochs"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> LearningRateSchedule.constant(1e-3).rateAt(3.5, 3)).getMessage().contains("progress"));
    }
}
