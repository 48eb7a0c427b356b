package ai.lion.spark.train;

import ai.lion.spark.checkpoint.MetricGoal;
import ai.lion.spark.checkpoint.RetentionPolicy;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.api.RepartitionStrategy;

/**
 * Immutable settings of one distributed training run: the epochs and seed, DL4J's parameter-averaging
 * knobs, the learning-rate schedule, regularisation, early stopping and checkpointing.
 *
 * <p>Build with {@link #builder()}; {@link Builder#build()} checks every value. Required: {@code epochs},
 * {@code workers} and {@code learningRate}. A restarted run must use the same options (the trainer
 * compares the data layout settings with those recorded in the checkpoint's metrics).
 *
 * <pre>{@code
 * TrainingOptions options = TrainingOptions.builder()
 *         .epochs(20).workers(sc.defaultParallelism()).averagingFrequency(5)
 *         .learningRate(LearningRateSchedule.warmupCosine(1e-3, 1, 1e-5))
 *         .gradientClipping(GradientClipping.l2PerLayer(1.0))
 *         .earlyStopping(new EarlyStopping(3, 1e-4))
 *         .checkpointEverySplits(50)
 *         .build();
 * }</pre>
 */
public final class TrainingOptions {

    /**
     * Retention used unless {@link Builder#retention} says otherwise: {@link RetentionPolicy#defaults()} and
     * the best by validation loss.
     */
    public static final RetentionPolicy DEFAULT_RETENTION =
            RetentionPolicy.defaults().andBest(MetricNames.VALIDATION_LOSS, MetricGoal.LOWER_IS_BETTER);

    private final int epochs;
    private final long seed;
    private final int workers;
    private final int averagingFrequency;
    private final Integer batchSizePerWorker;
    private final int aggregationDepth;
    private final int workerPrefetch;
    private final boolean saveUpdater;
    private final RDDTrainingApproach trainingApproach;
    private final String exportDirectory;
    private final Repartition repartition;
    private final RepartitionStrategy repartitionStrategy;
    private final StorageLevel storageLevel;
    private final LearningRateSchedule learningRate;
    private final GradientClipping gradientClipping;
    private final Double weightDecay;
    private final EarlyStopping earlyStopping;
    private final int checkpointEverySplits;
    private final RetentionPolicy retention;
    private final boolean takeOverLock;

    private TrainingOptions(Builder b) {
        epochs = b.epochs;
        seed = b.seed;
        workers = b.workers;
        averagingFrequency = b.averagingFrequency;
        batchSizePerWorker = b.batchSizePerWorker;
        aggregationDepth = b.aggregationDepth;
        workerPrefetch = b.workerPrefetch;
        saveUpdater = b.saveUpdater;
        trainingApproach = b.trainingApproach;
        exportDirectory = b.exportDirectory;
        repartition = b.repartition;
        repartitionStrategy = b.repartitionStrategy;
        storageLevel = b.storageLevel;
        learningRate = b.learningRate;
        gradientClipping = b.gradientClipping;
        weightDecay = b.weightDecay;
        earlyStopping = b.earlyStopping;
        checkpointEverySplits = b.checkpointEverySplits;
        retention = b.retention;
        takeOverLock = b.takeOverLock;
    }

    /** A builder with the defaults documented on its setters. */
    public static Builder builder() {
        return new Builder();
    }

    /** Number of passes over the training data. */
    public int epochs() { return epochs; }

    /** Seeds the per-epoch shuffles, the split layout, MLM masking and DL4J's split sampling. */
    public long seed() { return seed; }

    /** Number of parallel training workers (executors × cores per executor). */
    public int workers() { return workers; }

    /** Minibatches each worker fits between two parameter averagings. */
    public int averagingFrequency() { return averagingFrequency; }

    /** Examples per worker minibatch; empty: the {@code BatchSpec}'s batch size. */
    public OptionalInt batchSizePerWorker() {
        return batchSizePerWorker == null ? OptionalInt.empty() : OptionalInt.of(batchSizePerWorker);
    }

    /** Depth of the tree aggregation of parameters. */
    public int aggregationDepth() { return aggregationDepth; }

    /** Minibatches each worker prefetches asynchronously (0: none). */
    public int workerPrefetch() { return workerPrefetch; }

    /** Whether the updater state (Adam moments, ...) is averaged and kept between splits. */
    public boolean saveUpdater() { return saveUpdater; }

    /** How DL4J feeds the minibatches to the workers. */
    public RDDTrainingApproach trainingApproach() { return trainingApproach; }

    /** Where the Export approach writes minibatches; empty: {@code <checkpointRoot>/_export}. */
    public Optional<String> exportDirectory() { return Optional.ofNullable(exportDirectory); }

    /** When DL4J repartitions a split before training it. */
    public Repartition repartition() { return repartition; }

    /** How DL4J repartitions a split. */
    public RepartitionStrategy repartitionStrategy() { return repartitionStrategy; }

    /** How the minibatches of the current epoch and of the validation set are cached. */
    public StorageLevel storageLevel() { return storageLevel; }

    /** The learning rate over the run. */
    public LearningRateSchedule learningRate() { return learningRate; }

    /** Gradient clipping set on every layer; empty: the layers keep their own setting. */
    public Optional<GradientClipping> gradientClipping() { return Optional.ofNullable(gradientClipping); }

    /**
     * Decoupled weight decay (scaled by the current learning rate) set on the weights of every layer;
     * empty: the layers keep their own regularisation.
     */
    public OptionalDouble weightDecay() {
        return weightDecay == null ? OptionalDouble.empty() : OptionalDouble.of(weightDecay);
    }

    /** Early stopping on the validation loss; empty: train every epoch. */
    public Optional<EarlyStopping> earlyStopping() { return Optional.ofNullable(earlyStopping); }

    /** A checkpoint is written after every this many splits, and at every epoch end; 0: epoch ends only. */
    public int checkpointEverySplits() { return checkpointEverySplits; }

    /** Which checkpoints are kept. */
    public RetentionPolicy retention() { return retention; }

    /** Whether the run takes the checkpoint root's {@code RunLock} from a run that holds it (a dead one). */
    public boolean takeOverLock() { return takeOverLock; }

    @Override
    public String toString() {
        return "TrainingOptions{epochs=" + epochs + ", seed=" + seed + ", workers=" + workers
                + ", averagingFrequency=" + averagingFrequency + ", batchSizePerWorker="
                + (batchSizePerWorker == null ? "batchSpec" : batchSizePerWorker)
                + ", aggregationDepth=" + aggregationDepth + ", workerPrefetch=" + workerPrefetch
                + ", saveUpdater=" + saveUpdater + ", trainingApproach=" + trainingApproach
                + ", exportDirectory=" + (exportDirectory == null ? "<checkpointRoot>/_export" : exportDirectory)
                + ", repartition=" + repartition + ", repartitionStrategy=" + repartitionStrategy
                + ", storageLevel=" + storageLevel.description() + ", learningRate=" + learningRate
                + ", gradientClipping=" + gradientClipping + ", weightDecay=" + weightDecay
                + ", earlyStopping=" + earlyStopping + ", checkpointEverySplits=" + checkpointEverySplits
                + ", retention=" + retention + ", takeOverLock=" + takeOverLock + '}';
    }

    /** Collects the settings; {@link #build()} validates them. */
    public static final class Builder {
        private Integer epochs;
        private long seed = TrainingDefaults.SEED;
        private Integer workers;
        private int averagingFrequency = TrainingDefaults.AVERAGING_FREQUENCY;
        private Integer batchSizePerWorker;
        private int aggregationDepth = 2;
        private int workerPrefetch = TrainingDefaults.WORKER_PREFETCH;
        private boolean saveUpdater = true;
        private RDDTrainingApproach trainingApproach = TrainingDefaults.TRAINING_APPROACH;
        private String exportDirectory;
        private Repartition repartition = Repartition.NumPartitionsWorkersDiffers;
        private RepartitionStrategy repartitionStrategy = RepartitionStrategy.Balanced;
        private StorageLevel storageLevel = StorageLevel.MEMORY_AND_DISK_SER();
        private LearningRateSchedule learningRate;
        private GradientClipping gradientClipping;
        private Double weightDecay;
        private EarlyStopping earlyStopping;
        private int checkpointEverySplits;
        private RetentionPolicy retention = DEFAULT_RETENTION;
        private boolean takeOverLock;

        private Builder() {
        }

        /** Required, at least 1. */
        public Builder epochs(int count) { epochs = count; return this; }

        /** Defaults to {@link TrainingDefaults#SEED}. */
        public Builder seed(long value) { seed = value; return this; }

        /** Required, at least 1; usually {@code JavaSparkContext.defaultParallelism()}. */
        public Builder workers(int count) { workers = count; return this; }

        /** Defaults to {@link TrainingDefaults#AVERAGING_FREQUENCY}. */
        public Builder averagingFrequency(int minibatches) { averagingFrequency = minibatches; return this; }

        /** Defaults to the {@code BatchSpec}'s batch size; must be a multiple of it. */
        public Builder batchSizePerWorker(int examples) { batchSizePerWorker = examples; return this; }

        /** Defaults to 2. */
        public Builder aggregationDepth(int depth) { aggregationDepth = depth; return this; }

        /** Defaults to {@link TrainingDefaults#WORKER_PREFETCH}; 0 turns prefetching off. */
        public Builder workerPrefetch(int minibatches) { workerPrefetch = minibatches; return this; }

        /** Defaults to true. */
        public Builder saveUpdater(boolean save) { saveUpdater = save; return this; }

        /** Defaults to {@link TrainingDefaults#TRAINING_APPROACH}. */
        public Builder trainingApproach(RDDTrainingApproach approach) { trainingApproach = approach; return this; }

        /** Defaults to {@code <checkpointRoot>/_export}; must be on a file system every executor sees. */
        public Builder exportDirectory(String directory) { exportDirectory = directory; return this; }

        /**
         * Defaults to {@link Repartition#NumPartitionsWorkersDiffers}: the trainer already lays every
         * split out as one partition per worker.
         */
        public Builder repartition(Repartition when) { repartition = when; return this; }

        /** Defaults to {@link RepartitionStrategy#Balanced}. */
        public Builder repartitionStrategy(RepartitionStrategy how) { repartitionStrategy = how; return this; }

        /** Defaults to {@code MEMORY_AND_DISK_SER} (Spark does not see ND4J's off-heap memory). */
        public Builder storageLevel(StorageLevel level) { storageLevel = level; return this; }

        /** Required. */
        public Builder learningRate(LearningRateSchedule schedule) { learningRate = schedule; return this; }

        /** Defaults to none (the layers keep their own setting). */
        public Builder gradientClipping(GradientClipping clipping) { gradientClipping = clipping; return this; }

        /** Defaults to none (the layers keep their own regularisation); must be finite and &ge; 0. */
        public Builder weightDecay(double coefficient) { weightDecay = coefficient; return this; }

        /** Defaults to none. */
        public Builder earlyStopping(EarlyStopping stopping) { earlyStopping = stopping; return this; }

        /** Defaults to 0 (checkpoints at epoch ends only). */
        public Builder checkpointEverySplits(int splits) { checkpointEverySplits = splits; return this; }

        /** Defaults to {@link #DEFAULT_RETENTION}. */
        public Builder retention(RetentionPolicy policy) { retention = policy; return this; }

        /**
         * Defaults to false: a run refuses a checkpoint root whose lock another live run holds. True takes
         * the lock over; only for a lock left by a driver that is known to be dead.
         */
        public Builder takeOverLock(boolean takeOver) { takeOverLock = takeOver; return this; }

        /** Checks every setting and returns the options. */
        public TrainingOptions build() {
            requireAtLeast("epochs", epochs, 1);
            requireAtLeast("workers", workers, 1);
            requireAtLeast("averagingFrequency", averagingFrequency, 1);
            if (batchSizePerWorker != null) {
                requireAtLeast("batchSizePerWorker", batchSizePerWorker, 1);
            }
            requireAtLeast("aggregationDepth", aggregationDepth, 1);
            requireAtLeast("workerPrefetch", workerPrefetch, 0);
            requireAtLeast("checkpointEverySplits", checkpointEverySplits, 0);
            Objects.requireNonNull(trainingApproach, "trainingApproach");
            Objects.requireNonNull(repartition, "repartition");
            Objects.requireNonNull(repartitionStrategy, "repartitionStrategy");
            Objects.requireNonNull(storageLevel, "storageLevel");
            Objects.requireNonNull(retention, "retention");
            if (exportDirectory != null && exportDirectory.isBlank()) {
                throw new IllegalArgumentException("exportDirectory must not be blank, got '" + exportDirectory + "'");
            }
            if (learningRate == null) {
                throw new IllegalArgumentException("learningRate is required");
            }
            learningRate.requireFitsInto(epochs);
            if (weightDecay != null && (!(weightDecay >= 0) || weightDecay.isInfinite())) {
                throw new IllegalArgumentException("weightDecay must be non-negative and finite, got " + weightDecay);
            }
            return new TrainingOptions(this);
        }

        private static void requireAtLeast(String name, Integer value, int min) {
            if (value == null) {
                throw new IllegalArgumentException(name + " is required");
            }
            if (value < min) {
                throw new IllegalArgumentException(name + " must be at least " + min + ", got " + value);
            }
        }
    }
}
