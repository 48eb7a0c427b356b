package ai.lion.spark.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lion.core.models.LionConfig;
import ai.lion.spark.data.DataSettings;
import ai.lion.spark.data.ImageAugmentation;
import ai.lion.spark.data.InputKind;
import java.util.Map;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.junit.jupiter.api.Test;

class LionTrainerBuilderTest {

    private static final int BATCH_SIZE = 8;

    private static LionTrainer.Builder required() {
        return LionTrainer.builder(ReferenceRun.MODEL, ReferenceRun.OPTIMIZER).data(SyntheticPatches.data(BATCH_SIZE))
                .checkpointRoot("file:/tmp/never-written");
    }

    private static LionTrainer.Builder valid() {
        return required().epochs(3).learningRate(LearningRateSchedule.constant(1e-3));
    }

    private static String rejection(LionTrainer.Builder builder) {
        return assertThrows(IllegalArgumentException.class, builder::build).getMessage();
    }

    @Test
    void defaultsAreDocumented() {
        TrainingOptions options = valid().build().options();

        assertEquals(42, options.seed());
        assertEquals(0, options.workers(), "Spark's default parallelism");
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
        assertEquals(ImageAugmentation.NONE, options.imageAugmentation());
    }

    @Test
    void imageAugmentationNeedsAnImageModelAndAShiftSmallerThanItsImages() {
        assertEquals(new ImageAugmentation(2, true),
                valid().imageAugmentation(new ImageAugmentation(2, true)).build().options().imageAugmentation());
        assertEquals("maxShift must be smaller than the image side 3, got 3",
                rejection(valid().imageAugmentation(new ImageAugmentation(3, false))));
        LionConfig tokens = LionConfig.builder().width(8).depth(1).heads(2).mlpRatio(2).tokens(10, 12).numClasses(2)
                .build();
        assertTrue(rejection(LionTrainer.builder(tokens, ReferenceRun.OPTIMIZER)
                .data(DataSettings.builder().batchSize(BATCH_SIZE).build()).checkpointRoot("file:/tmp/never-written")
                .epochs(1).learningRate(LearningRateSchedule.constant(1e-3))
                .imageAugmentation(new ImageAugmentation(0, true)))
                .startsWith("imageAugmentation needs a model of image patches"));
    }

    @Test
    void theBatchesComeFromTheModelsConfigAndTheDataSettings() {
        LionTrainer trainer = valid().dataPath("train", "/data/train").build();

        assertEquals(InputKind.PATCHES, trainer.batches().kind());
        assertEquals(SyntheticPatches.PATCH_DIM, trainer.batches().patchDim());
        assertEquals(9, trainer.batches().maxLength());
        assertEquals(SyntheticPatches.CLASSES, trainer.batches().numClasses());
        assertEquals(BATCH_SIZE, trainer.batches().batchSize());
        assertEquals(Map.of("train", "/data/train"), trainer.options().dataPaths());
    }

    @Test
    void theBuiltTrainerKeepsItsSettingsWhenTheBuilderChangesAfterwards() {
        LionTrainer.Builder builder = valid().epochs(4).workers(3);
        LionTrainer trainer = builder.build();

        builder.epochs(9).workers(1);

        assertEquals(4, trainer.options().epochs());
        assertEquals(3, trainer.options().workers());
    }

    @Test
    void requiredAndInvalidSettingsAreNamed() {
        assertTrue(rejection(required().learningRate(LearningRateSchedule.constant(1))).contains("epochs is required"));
        assertTrue(rejection(LionTrainer.builder(ReferenceRun.MODEL, ReferenceRun.OPTIMIZER).checkpointRoot("file:/tmp/x")
                .epochs(1).learningRate(LearningRateSchedule.constant(1))).contains("data (the DataSettings) is required"));
        assertTrue(rejection(valid().data(DataSettings.builder().maxLength(10).batchSize(BATCH_SIZE).build()))
                .contains("maxLength 10 exceeds the model's sequence length 9"));
        assertEquals("dataPath needs a name and a path, got 'train' and ' '",
                assertThrows(IllegalArgumentException.class, () -> valid().dataPath("train", " ")).getMessage());
        assertTrue(rejection(valid().checkpointRoot(" ")).contains("checkpointRoot is required"));
        assertTrue(rejection(valid().workers(-1)).contains("workers must be at least 0, got -1"));
        assertTrue(rejection(valid().averagingFrequency(0)).contains("averagingFrequency"));
        assertTrue(rejection(valid().batchSizePerWorker(0)).contains("batchSizePerWorker"));
        assertTrue(rejection(valid().batchSizePerWorker(BATCH_SIZE + 1))
                .contains("batchSizePerWorker (9) must be a multiple of the data settings' batchSize (8)"));
        assertTrue(rejection(valid().checkpointEverySplits(-1)).contains("checkpointEverySplits"));
        assertTrue(rejection(valid().weightDecay(Double.NaN)).contains("weightDecay"));
        assertTrue(rejection(valid().exportDirectory(" ")).contains("exportDirectory"));
        assertTrue(rejection(required().epochs(1)).contains("learningRate is required"));
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
