package ai.lion.spark.train;

import ai.lion.spark.checkpoint.MetricGoal;
import ai.lion.spark.checkpoint.RetentionPolicy;
import ai.lion.spark.data.ImageAugmentation;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * <p>Set through {@link LionTrainer#builder}, whose setters document the defaults and whose
 * {@link LionTrainer.Builder#build()} checks every value; read with {@link LionTrainer#options()}. A
 * restarted run must use the same options (the trainer compares the data layout settings with those
 * recorded in the checkpoint's metrics).
 */
public final class TrainingOptions {

    /**
     * Retention used unless {@link LionTrainer.Builder#retention} says otherwise: {@link RetentionPolicy#defaults()} and
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
    private final ImageAugmentation imageAugmentation;
    private final EarlyStopping earlyStopping;
    private final int checkpointEverySplits;
    private final RetentionPolicy retention;
    private final boolean takeOverLock;
    private final Map<String, String> dataPaths;

    /** The settings of {@code b}, which has checked them. */
    TrainingOptions(LionTrainer.Builder b) {
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
        imageAugmentation = b.imageAugmentation;
        earlyStopping = b.earlyStopping;
        dataPaths = Collections.unmodifiableMap(new LinkedHashMap<>(b.dataPaths));
        checkpointEverySplits = b.checkpointEverySplits;
        retention = b.retention;
        takeOverLock = b.takeOverLock;
    }

    /** Number of passes over the training data. */
    public int epochs() { return epochs; }

    /** Seeds the per-epoch shuffles, the split layout, MLM masking and DL4J's split sampling. */
    public long seed() { return seed; }

    /**
     * Number of parallel training workers (executors × cores per executor); 0: Spark's default
     * parallelism when the run starts.
     */
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

    /** How the training images change from epoch to epoch; {@link ImageAugmentation#NONE} for other inputs. */
    public ImageAugmentation imageAugmentation() { return imageAugmentation; }

    /** Early stopping on the validation loss; empty: train every epoch. */
    public Optional<EarlyStopping> earlyStopping() { return Optional.ofNullable(earlyStopping); }

    /** A checkpoint is written after every this many splits, and at every epoch end; 0: epoch ends only. */
    public int checkpointEverySplits() { return checkpointEverySplits; }

    /** Which checkpoints are kept. */
    public RetentionPolicy retention() { return retention; }

    /** Whether the run takes the checkpoint root's {@code RunLock} from a run that holds it (a dead one). */
    public boolean takeOverLock() { return takeOverLock; }

    /** The named data locations recorded in the provenance of the run's models. */
    public Map<String, String> dataPaths() { return dataPaths; }

    @Override
    public String toString() {
        return "TrainingOptions{epochs=" + epochs + ", seed=" + seed
                + ", workers=" + (workers == 0 ? "sparkDefault" : workers)
                + ", averagingFrequency=" + averagingFrequency + ", batchSizePerWorker="
                + (batchSizePerWorker == null ? "batchSpec" : batchSizePerWorker)
                + ", aggregationDepth=" + aggregationDepth + ", workerPrefetch=" + workerPrefetch
                + ", saveUpdater=" + saveUpdater + ", trainingApproach=" + trainingApproach
                + ", exportDirectory=" + (exportDirectory == null ? "<checkpointRoot>/_export" : exportDirectory)
                + ", repartition=" + repartition + ", repartitionStrategy=" + repartitionStrategy
                + ", storageLevel=" + storageLevel.description() + ", learningRate=" + learningRate
                + ", gradientClipping=" + gradientClipping + ", weightDecay=" + weightDecay
                + ", earlyStopping=" + earlyStopping + ", checkpointEverySplits=" + checkpointEverySplits
                + ", retention=" + retention + ", takeOverLock=" + takeOverLock + ", dataPaths=" + dataPaths + '}';
    }
}
