package ai.lion.spark.train;

import ai.lion.spark.train.LearningRateSchedule.Decay;
import org.deeplearning4j.spark.api.RDDTrainingApproach;

/**
 * The defaults of a training run, stated once: {@link TrainingOptions} and the Spark ML estimator
 * ({@code ai.lion.spark.ml.LionClassifier}) use them, and the jobs' {@code reference.conf} states the
 * same values under {@code train.*} (a test in {@code jobs} compares the two).
 */
public final class TrainingDefaults {

    /** Passes over the training data. */
    public static final int EPOCHS = 10;
    /** Examples in one worker's minibatch. */
    public static final int BATCH_SIZE_PER_WORKER = 32;
    /** Minibatches each worker fits between two parameter averagings. */
    public static final int AVERAGING_FREQUENCY = 5;
    /** Depth of the tree in which the workers' parameters are summed ({@code treeAggregate}). */
    public static final int AGGREGATION_DEPTH = 2;
    /** Minibatches each worker loads ahead asynchronously. */
    public static final int WORKER_PREFETCH = 2;
    /** How dl4j-spark feeds the minibatches: directly, without exporting them to files. */
    public static final RDDTrainingApproach TRAINING_APPROACH = RDDTrainingApproach.Direct;
    /** Seed of the shuffles, the split layout and the masking. */
    public static final long SEED = 42;
    /** AdamW's peak learning rate, reached at the end of the warm-up. */
    public static final double PEAK_LEARNING_RATE = 5e-4;
    /** Epochs of linear warm-up. */
    public static final double WARMUP_EPOCHS = 1;
    /** What the learning rate does after the warm-up. */
    public static final Decay DECAY = Decay.COSINE;
    /** The learning rate the cosine decay ends at. */
    public static final double MIN_LEARNING_RATE = 1e-6;
    /** AdamW's decoupled weight decay. */
    public static final double WEIGHT_DECAY = 0.05;

    private TrainingDefaults() {
    }
}
