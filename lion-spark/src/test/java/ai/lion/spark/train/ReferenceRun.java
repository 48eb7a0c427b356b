package ai.lion.spark.train;

import ai.lion.core.models.AdamW;
import ai.lion.core.models.LionConfig;
import ai.lion.core.models.LionVariant;
import ai.lion.core.models.PatchInput;
import java.io.IOException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.spark.api.RDDTrainingApproach;

/**
 * The arguments of the runs that resume tests compare: the same data, model and options in the test
 * JVM and in the child driver JVMs ({@link ReferenceRunMain}).
 */
final class ReferenceRun {

    static final long SEED = 7;
    static final int TRAIN_ROWS = 256;
    static final int VALIDATION_ROWS = 96;
    static final int BATCH_SIZE = 16;
    static final int EPOCHS = 3;
    static final int WORKERS = 2;
    static final int AVERAGING_FREQUENCY = 2;
    static final LearningRateSchedule LEARNING_RATE = LearningRateSchedule.warmupCosine(0.02, 0.5, 0.002);
    /** A LION-D patch classifier of width 8 and one block, for up to 9 patches of {@link SyntheticPatches#PATCH_DIM}. */
    static final LionConfig MODEL = LionConfig.builder().variant(LionVariant.DECAY).width(8).depth(1).heads(2)
            .mlpRatio(2).input(new PatchInput(3, 1, SyntheticPatches.PATCH_DIM)).numClasses(SyntheticPatches.CLASSES)
            .seed(SEED).build();
    static final AdamW OPTIMIZER = AdamW.defaults();
    static final String TRAIN_PATH = "synthetic://patches/train";
    static final String VALIDATION_PATH = "synthetic://patches/validation";

    private ReferenceRun() {
    }

    static Dataset<Row> train(SparkSession spark, int rows) {
        return SyntheticPatches.frame(spark, SEED, rows, "train", 3);
    }

    static Dataset<Row> validation(SparkSession spark) {
        return SyntheticPatches.frame(spark, SEED + 1, VALIDATION_ROWS, "val", 2);
    }

    /**
     * The reference trainer with checkpoints under {@code checkpointRoot}: 2 workers, 2 minibatches per
     * averaging, a checkpoint every 2 splits.
     */
    static LionTrainer.Builder trainer(String checkpointRoot) {
        return LionTrainer.builder(MODEL, OPTIMIZER)
                .data(SyntheticPatches.data(BATCH_SIZE))
                .dataPath("train", TRAIN_PATH)
                .dataPath("validation", VALIDATION_PATH)
                .checkpointRoot(checkpointRoot)
                .epochs(EPOCHS)
                .seed(SEED)
                .workers(WORKERS)
                .averagingFrequency(AVERAGING_FREQUENCY)
                .trainingApproach(RDDTrainingApproach.Direct)
                .learningRate(LEARNING_RATE)
                .gradientClipping(GradientClipping.l2PerLayer(5))
                .weightDecay(1e-4)
                .checkpointEverySplits(2);
    }

    /** The reference run (or its continuation) with checkpoints under {@code checkpointRoot}. */
    static TrainingReport fit(SparkSession spark, String checkpointRoot) throws IOException {
        return trainer(checkpointRoot).build().fit(train(spark, TRAIN_ROWS), validation(spark));
    }
}
