package ai.lion.spark.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.junit.jupiter.api.Test;

class TrainingOptionsTest {

    private static TrainingOptions.Builder valid() {
        return TrainingOptions.builder().epochs(3).workers(2).learningRate(LearningRateSchedule.constant(1e-3));
    }

    private static String rejection(TrainingOptions.Builder builder) {
        return assertThrows(IllegalArgumentException.class, builder::build).getMessage();
    }

    @Test
    void defaultsAreDocumented() {
        TrainingOptions options = valid().build();

        assertEquals(42, options.seed());
        assertEquals(5, options.averagingFrequency());
        assertTrue(options.batchSizePerWorker().isEmpty());
        assertEquals(2, options.aggregationDepth());
        assertEquals(2, options.workerPrefetch());
        assertTrue(options.saveUpdater());
        assertEquals(RDDTrainingApproach.Direct, options.trainingApproach());
        assertEquals(Repartition.NumPartitionsWorkersDiffers, options.repartition());
        assertTrue(options.gradientClipping().isEmpty());
        assertTrue(options.weightDecay().isEmpty());
        assertTrue(options.earlyStopping().isEmpty());
        assertEquals(0, options.checkpointEverySplits());
        assertEquals(TrainingOptions.DEFAULT_RETENTION, options.retention());
    }

    @Test
    void requiredAndInvalidSettingsAreNamed() {
        assertTrue(rejection(TrainingOptions.builder().workers(1).learningRate(LearningRateSchedule.constant(1)))
                .contains("epochs is required"));
        assertTrue(rejection(valid().workers(0)).contains("workers must be at least 1, got 0"));
        assertTrue(rejection(valid().averagingFrequency(0)).contains("averagingFrequency"));
        assertTrue(rejection(valid().batchSizePerWorker(0)).contains("batchSizePerWorker"));
        assertTrue(rejection(valid().checkpointEverySplits(-1)).contains("checkpointEverySplits"));
        assertTrue(rejection(valid().weightDecay(Double.NaN)).contains("weightDecay"));
        assertTrue(rejection(valid().exportDirectory(" ")).contains("exportDirectory"));
        assertTrue(rejection(TrainingOptions.builder().epochs(1).workers(1)).contains("learningRate is required"));
        assertTrue(rejection(valid().learningRate(LearningRateSchedule.warmupCosine(1, 3, 0)))
                .contains("warmupEpochs"));
    }

    @Test
    void settingsRejectInvalidValues() {
        assertThrows(IllegalArgumentException.class, () -> new EarlyStopping(0, 0));
        assertThrows(IllegalArgumentException.class, () -> new EarlyStopping(1, -1));
        assertThrows(IllegalArgumentException.class, () -> GradientClipping.l2PerLayer(0));
        assertThrows(IllegalArgumentException.class,
                () -> new GradientClipping(org.deeplearning4j.nn.conf.GradientNormalization.None, 1));
    }
}
