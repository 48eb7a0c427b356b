package ai.lion.spark.train;

import ai.lion.core.models.AdamW;
import ai.lion.core.models.LionConfig;
import ai.lion.core.models.PatchInput;
import ai.lion.spark.checkpoint.CheckpointStore;
import ai.lion.spark.checkpoint.RetentionPolicy;
import ai.lion.spark.checkpoint.RunLock;
import ai.lion.spark.checkpoint.RunLockedException;
import ai.lion.spark.data.BatchSpec;
import ai.lion.spark.data.DataFrameBatcher;
import ai.lion.spark.data.DataSettings;
import ai.lion.spark.data.ImageAugmentation;
import ai.lion.spark.data.Minibatches;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.api.RepartitionStrategy;

/**
 * Distributed training of a LION model on Spark with parameter averaging
 * ({@code SparkComputationGraph} + {@code ParameterAveragingTrainingMaster}), checkpointed so that a
 * rerun with the same arguments continues where the last one stopped.
 *
 * <h2>How an epoch runs</h2>
 * The training rows are shuffled into one partition per worker with a seed derived from the run's
 * seed and the epoch, and turned into padded minibatches on the executors (with
 * {@link Builder#imageAugmentation} the images are shifted and mirrored there, drawn from the same seed). The minibatches are laid
 * out in <em>splits</em>: each split gives every worker {@code averagingFrequency × batchSizePerWorker}
 * examples, so one split is one parameter-averaging round ({@code sparkNet.fit(split)}). Before each
 * split the learning rate of the schedule, at the split's midpoint, is set on the driver network.
 * After the last split the network is evaluated on the validation rows, the epoch's metrics are
 * logged and a checkpoint is written; with {@code checkpointEverySplits} also within the epoch.
 *
 * <h2>One run per checkpoint root</h2>
 * {@link #fit} holds the root's {@link RunLock} from start to end (released on success and failure), so a
 * second run on the same root fails at once with a {@link RunLockedException} naming the holder.
 * A lock left by a dead driver is taken over when {@link Builder#takeOverLock} is set, when its
 * heartbeat is older than {@link RunLock#STALE_AFTER}, when its process on this host has ended, or
 * when it belongs to an earlier attempt of the same Spark application. Taking the lock also proves that
 * the root is writable, before any data is read.
 *
 * <h2>Restarts</h2>
 * Every checkpoint holds the {@code LionModel} (parameters, updater state, the LionConfig and the
 * provenance: data paths, seed, code version, position), the cursor (epoch, next split) and the metrics
 * so far. {@code fit} loads the newest valid checkpoint under the checkpoint root (newer
 * damaged ones are moved aside, see {@link CheckpointStore#recover()}) and continues at its cursor;
 * since the shuffles, the split layout and the learning rate depend only on the seed and the cursor,
 * the continued run trains exactly the splits the interrupted one would have. A finished run returns
 * its report without training.
 *
 * <h2>Output</h2>
 * Progress lines per split and per epoch (logger {@code ai.lion.spark.train.progress}), metrics as
 * JSON lines in {@code <checkpointRoot>/metrics.jsonl/} (see {@code MetricsLines}), checkpoints as
 * the {@link CheckpointStore} lays them out.
 *
 * <h2>Use</h2>
 * A trainer is immutable; {@link #builder} names the model and its optimiser, the builder's setters
 * everything else, each with its default. The rows are described by the model's config and the
 * {@link DataSettings} alone (see {@link BatchSpec#of}). The learning rate comes from the schedule alone.
 *
 * <pre>{@code
 * TrainingReport report = LionTrainer.builder(config, AdamW.defaults())
 *         .data(DataSettings.builder().batchSize(32).build())
 *         .dataPath("train", trainPath).dataPath("validation", validationPath)
 *         .checkpointRoot("hdfs://nn:8020/runs/vit-small")
 *         .epochs(10)
 *         .learningRate(LearningRateSchedule.warmupCosine(1e-3, 1, 1e-5))
 *         .build()
 *         .fit(trainRows, validationRows);
 * }</pre>
 */
public final class LionTrainer {

    private final LionConfig model;
    private final AdamW optimizer;
    private final BatchSpec batches;
    private final DataFrameBatcher trainingBatcher;
    private final String checkpointRoot;
    private final TrainingOptions options;

    private LionTrainer(Builder b) {
        model = b.model;
        optimizer = b.optimizer;
        batches = BatchSpec.of(b.model, b.data);
        trainingBatcher = b.imageAugmentation.isNone() ? new DataFrameBatcher(batches)
                : new DataFrameBatcher(batches).augmenting(b.imageAugmentation, (PatchInput) b.model.input());
        checkpointRoot = b.checkpointRoot;
        options = new TrainingOptions(b);
    }

    /**
     * A builder for training the model {@code model} describes ({@code LionModels.configuration}) with
     * {@code optimizer}, with the defaults documented on its setters.
     */
    public static Builder builder(LionConfig model, AdamW optimizer) {
        return new Builder(Objects.requireNonNull(model, "model"), Objects.requireNonNull(optimizer, "optimizer"));
    }

    /** How the rows become minibatches: the model's facts and the builder's {@link DataSettings}. */
    public BatchSpec batches() {
        return batches;
    }

    /** The run's settings. */
    public TrainingOptions options() {
        return options;
    }

    /**
     * Trains (or continues training) the model on {@code train}, validating after every epoch on
     * {@code validation}; both have the schema {@link #batches()} describes, and the Spark session of
     * {@code train} runs the training.
     *
     * @return final and best metrics, why training stopped, the newest checkpoint and the trained model
     * @throws IllegalArgumentException if the newest checkpoint belongs to a different model or data layout
     * @throws IllegalStateException    if training diverges (a non-finite loss or parameter); the newest
     *                                  checkpoint is then the last one before the divergence
     * @throws RunLockedException       if another training run holds the lock of the checkpoint root
     */
    public TrainingReport fit(Dataset<Row> train, Dataset<Row> validation) throws IOException {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(train.sparkSession().sparkContext());
        int workers = options.workers() > 0 ? options.workers() : sc.defaultParallelism();
        RunLayout layout = new RunLayout(options.seed(), workers, options.averagingFrequency(),
                options.batchSizePerWorker().orElse(batches.batchSize()), batches.batchSize());
        CheckpointStore store = CheckpointStore.open(checkpointRoot, sc.hadoopConfiguration(), options.retention());
        Path exportBase = new Path(options.exportDirectory().orElse(new Path(store.root(), "_export").toString()));
        try (RunLock lock = store.lock(sc.sc().applicationId(), options.takeOverLock())) {
            return new TrainingRun(sc, train, validation, trainingBatcher, options, layout, model,
                    optimizer, store, lock, exportBase).run();
        }
    }

    /**
     * The minibatches {@link #fit} evaluates after every epoch: {@code validation} batched as {@code spec}
     * says, MLM masks fixed by the run's {@code seed}, so that a baseline scored on them sees the same masked
     * tokens as the network.
     */
    public static Minibatches validationMinibatches(Dataset<Row> validation, BatchSpec spec, long seed) {
        return new DataFrameBatcher(spec).batch(validation, Seeds.validation(seed));
    }

    /** Collects the settings; {@link #build()} validates them. Not thread-safe. */
    public static final class Builder {
        final LionConfig model;
        final AdamW optimizer;
        DataSettings data;
        final Map<String, String> dataPaths = new LinkedHashMap<>();
        String checkpointRoot;
        Integer epochs;
        long seed = TrainingDefaults.SEED;
        int workers;
        int averagingFrequency = TrainingDefaults.AVERAGING_FREQUENCY;
        Integer batchSizePerWorker;
        int aggregationDepth = TrainingDefaults.AGGREGATION_DEPTH;
        int workerPrefetch = TrainingDefaults.WORKER_PREFETCH;
        boolean saveUpdater = true;
        RDDTrainingApproach trainingApproach = TrainingDefaults.TRAINING_APPROACH;
        String exportDirectory;
        Repartition repartition = Repartition.NumPartitionsWorkersDiffers;
        RepartitionStrategy repartitionStrategy = RepartitionStrategy.Balanced;
        StorageLevel storageLevel = StorageLevel.MEMORY_AND_DISK_SER();
        LearningRateSchedule learningRate;
        GradientClipping gradientClipping;
        Double weightDecay;
        ImageAugmentation imageAugmentation = ImageAugmentation.NONE;
        EarlyStopping earlyStopping;
        int checkpointEverySplits;
        RetentionPolicy retention = TrainingOptions.DEFAULT_RETENTION;
        boolean takeOverLock;

        private Builder(LionConfig model, AdamW optimizer) {
            this.model = model;
            this.optimizer = optimizer;
        }

        /**
         * Required: the data side of how the rows become minibatches ({@code batchSize} rows each); the
         * model's config gives the rest.
         */
        public Builder data(DataSettings settings) { data = settings; return this; }

        /**
         * Records where the data named {@code name} (e.g. {@code train}, {@code validation}) was read from,
         * in the provenance of every checkpoint's model; none by default.
         */
        public Builder dataPath(String name, String path) {
            if (name == null || name.isBlank() || path == null || path.isBlank()) {
                throw new IllegalArgumentException("dataPath needs a name and a path, got '" + name + "' and '" + path
                        + "'");
            }
            dataPaths.put(name, path);
            return this;
        }

        /**
         * Required: the directory for checkpoints and metrics, on any Hadoop file system
         * ({@code hdfs://nn/runs/a}); every executor must see it when the Export approach uses the default
         * export directory beneath it.
         */
        public Builder checkpointRoot(String directory) { checkpointRoot = directory; return this; }

        /** Required, at least 1. */
        public Builder epochs(int count) { epochs = count; return this; }

        /** Defaults to {@link TrainingDefaults#SEED}. */
        public Builder seed(long value) { seed = value; return this; }

        /** Defaults to 0: Spark's default parallelism when the run starts. */
        public Builder workers(int count) { workers = count; return this; }

        /** Defaults to {@link TrainingDefaults#AVERAGING_FREQUENCY}. */
        public Builder averagingFrequency(int minibatches) { averagingFrequency = minibatches; return this; }

        /** Defaults to the {@link DataSettings}' batch size; must be a multiple of it. */
        public Builder batchSizePerWorker(int examples) { batchSizePerWorker = examples; return this; }

        /** Defaults to {@link TrainingDefaults#AGGREGATION_DEPTH}. */
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

        /**
         * Defaults to none (the layers keep their own regularisation, for a LION model its {@code AdamW}
         * weight decay); must be finite and &ge; 0.
         */
        public Builder weightDecay(double coefficient) { weightDecay = coefficient; return this; }

        /**
         * Defaults to {@link ImageAugmentation#NONE}; for patch models only. Changes the training minibatches,
         * never the validation rows.
         */
        public Builder imageAugmentation(ImageAugmentation augmentation) {
            imageAugmentation = augmentation;
            return this;
        }

        /** Defaults to none. */
        public Builder earlyStopping(EarlyStopping stopping) { earlyStopping = stopping; return this; }

        /** Defaults to 0 (checkpoints at epoch ends only). */
        public Builder checkpointEverySplits(int splits) { checkpointEverySplits = splits; return this; }

        /** Defaults to {@link TrainingOptions#DEFAULT_RETENTION}. */
        public Builder retention(RetentionPolicy policy) { retention = policy; return this; }

        /**
         * Defaults to false: a run refuses a checkpoint root whose lock another live run holds. True takes
         * the lock over; only for a lock left by a driver that is known to be dead.
         */
        public Builder takeOverLock(boolean takeOver) { takeOverLock = takeOver; return this; }

        /** Checks every setting and returns the trainer. */
        public LionTrainer build() {
            if (data == null) {
                throw new IllegalArgumentException("data (the DataSettings) is required");
            }
            if (checkpointRoot == null || checkpointRoot.isBlank()) {
                throw new IllegalArgumentException("checkpointRoot is required, got '" + checkpointRoot + "'");
            }
            requireAtLeast("epochs", epochs, 1);
            requireAtLeast("workers", workers, 0);
            requireAtLeast("averagingFrequency", averagingFrequency, 1);
            if (batchSizePerWorker != null) {
                requireAtLeast("batchSizePerWorker", batchSizePerWorker, 1);
                if (batchSizePerWorker % data.batchSize() != 0) {
                    throw new IllegalArgumentException("batchSizePerWorker (" + batchSizePerWorker
                            + ") must be a multiple of the data settings' batchSize (" + data.batchSize() + ")");
                }
            }
            requireAtLeast("aggregationDepth", aggregationDepth, 1);
            requireAtLeast("workerPrefetch", workerPrefetch, 0);
            requireAtLeast("checkpointEverySplits", checkpointEverySplits, 0);
            Objects.requireNonNull(trainingApproach, "trainingApproach");
            Objects.requireNonNull(repartition, "repartition");
            Objects.requireNonNull(repartitionStrategy, "repartitionStrategy");
            Objects.requireNonNull(storageLevel, "storageLevel");
            Objects.requireNonNull(retention, "retention");
            Objects.requireNonNull(imageAugmentation, "imageAugmentation");
            if (!imageAugmentation.isNone() && !(model.input() instanceof PatchInput)) {
                throw new IllegalArgumentException("imageAugmentation needs a model of image patches, got input "
                        + model.input());
            }
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
            return new LionTrainer(this);
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
