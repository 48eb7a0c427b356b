package ai.lion.spark.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lion.spark.checkpoint.TrainingCursor;
import ai.lion.spark.data.RowProblem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingHistoryTest {

    private static final RunLayout LAYOUT = new RunLayout(7, 2, 3, 32, 16);

    /** A history with one epoch per validation loss (2 splits of 10 and 30 examples each). */
    private static TrainingHistory withValidationLosses(double... losses) {
        TrainingHistory history = TrainingHistory.start(LAYOUT, 20);
        for (int epoch = 0; epoch < losses.length; epoch++) {
            history.recordSplit(new SplitRecord(epoch, 0, 2, 10, 1.0, 0.1, 1.0));
            history.recordSplit(new SplitRecord(epoch, 1, 2, 30, 2.0, 0.2, 3.0));
            history.completeEpoch(epoch, 2, 0.25, new EvaluationResult(losses[epoch], 0.5, 100, 100), 0.5,
                    SkippedRows.NONE);
        }
        return history;
    }

    @Test
    void anEpochAveragesItsSplitsByExamples() {
        EpochMetrics epoch = withValidationLosses(0.9).epochs().get(0);

        assertEquals((10 * 1.0 + 30 * 2.0) / 40, epoch.trainLoss(), 1e-12);
        assertEquals(40, epoch.examples());
        assertEquals(4.0, epoch.trainSeconds(), 1e-12);
        assertEquals(0.25 + 4.0 + 0.5, epoch.seconds(), 1e-12);
        assertEquals(0.2, epoch.learningRate(), 0.0, "the last split's rate");
        assertEquals(0.9, epoch.validationLoss(), 0.0);
    }

    @Test
    void earlyStoppingWaitsForPatienceEpochsWithoutASignificantImprovement() {
        EarlyStopping stopping = new EarlyStopping(2, 0.05);

        assertFalse(withValidationLosses(1.0).shouldStop(stopping));
        assertFalse(withValidationLosses(1.0, 0.99).shouldStop(stopping), "one epoch without improvement");
        assertTrue(withValidationLosses(1.0, 0.99, 0.98).shouldStop(stopping), "0.01 steps are below minDelta");
        assertFalse(withValidationLosses(1.0, 0.99, 0.90).shouldStop(stopping), "0.10 below the best counts");
        assertTrue(withValidationLosses(1.0, 0.8, 1.2, 0.79).shouldStop(stopping), "0.79 is not 0.05 below 0.8");
        assertEquals(3, withValidationLosses(1.0, 0.8, 1.2, 0.79).best().orElseThrow().epoch());
    }

    @Test
    void restoringAtACursorKeepsTheEarlierEpochsAndTheSplitsBeforeTheCursor() {
        TrainingHistory original = withValidationLosses(0.7, 0.6);
        original.recordSplit(new SplitRecord(2, 0, 2, 10, 4.0, 0.3, 1.0));
        List<String> stored = original.lines();

        TrainingHistory restored = TrainingHistory.restore(stored, new TrainingCursor(2, 1));

        assertEquals(original.epochs(), restored.epochs());
        assertEquals(LAYOUT, restored.layout());
        assertEquals(stored, restored.lines());
        restored.recordSplit(new SplitRecord(2, 1, 2, 30, 0.0, 0.4, 1.0));
        EpochMetrics third = restored.completeEpoch(2, 2, 0.2, new EvaluationResult(0.5, 0.9, 10, 10), 0.1,
                SkippedRows.NONE);
        assertEquals(10 * 4.0 / 40, third.trainLoss(), 1e-12, "the split from before the restart counts");
    }

    @Test
    void skippedRowsAreStoredWithTheEpochAndReadBackAfterARestart() {
        TrainingHistory original = TrainingHistory.start(LAYOUT, 3);
        original.recordSplit(new SplitRecord(0, 0, 1, 10, 1.0, 0.1, 1.0));
        SkippedRows skipped = new SkippedRows(Map.of(RowProblem.NON_FINITE_VALUE, 2L, RowProblem.NULL_LABEL, 0L),
                Map.of(RowProblem.LABEL_OUT_OF_RANGE, 1L));
        original.completeEpoch(0, 1, 0.1, new EvaluationResult(0.5, 0.5, 10, 10), 0.1, skipped);

        EpochMetrics restored = TrainingHistory.restore(original.lines(), new TrainingCursor(1, 0)).epochs().get(0);

        assertEquals(Map.of(RowProblem.NON_FINITE_VALUE, 2L), restored.skipped().train(), "zero counts are left out");
        assertEquals(Map.of(RowProblem.LABEL_OUT_OF_RANGE, 1L), restored.skipped().validation());
        assertTrue(original.lines().get(2).contains(
                "\"skipped_rows\":{\"train\":{\"NON_FINITE_VALUE\":2},\"validation\":{\"LABEL_OUT_OF_RANGE\":1}}"),
                original.lines().get(2));
    }

    @Test
    void anEpochLineWrittenBeforeSkippedRowsWereRecordedReadsAsNothingSkipped() {
        String epoch = MetricsLines.epoch(withValidationLosses(0.9).epochs().get(0))
                .replaceFirst(",\"skipped_rows\":\\{.*\\}\\}$", "}");

        assertFalse(epoch.contains("skipped_rows"), epoch);
        assertEquals(SkippedRows.NONE, MetricsLines.epochOf(MetricsLines.read(epoch)).skipped());
    }

    @Test
    void theRunTotalAddsTheEpochsCountsPerProblem() {
        SkippedRows first = new SkippedRows(Map.of(RowProblem.NON_FINITE_VALUE, 2L), Map.of());
        SkippedRows second = new SkippedRows(Map.of(RowProblem.NON_FINITE_VALUE, 3L, RowProblem.NULL_LABEL, 1L),
                Map.of(RowProblem.NULL_LABEL, 4L));

        SkippedRows total = first.plus(second);

        assertEquals(Map.of(RowProblem.NON_FINITE_VALUE, 5L, RowProblem.NULL_LABEL, 1L), total.train());
        assertEquals(Map.of(RowProblem.NULL_LABEL, 4L), total.validation());
        assertEquals("train {NON_FINITE_VALUE=5, NULL_LABEL=1}, validation {NULL_LABEL=4}", total.describe());
    }

    @Test
    void storedMetricsWithoutARunLineAreRejected() {
        String split = MetricsLines.split(new SplitRecord(0, 0, 1, 1, 1, 1, 1));

        assertThrows(IllegalArgumentException.class, () -> TrainingHistory.restore(List.of(split), TrainingCursor.START));
        assertThrows(IllegalArgumentException.class, () -> TrainingHistory.restore(List.of("{\"x\":1}"),
                TrainingCursor.START));
    }
}
