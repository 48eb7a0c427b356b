package ai.lion.spark.ml;

import ai.lion.core.models.AdamW;
import ai.lion.core.models.LionConfig;
import ai.lion.core.models.PatchInput;
import ai.lion.core.models.Task;
import ai.lion.spark.data.ImageAugmentation;
import ai.lion.spark.train.LearningRateSchedule;
import ai.lion.spark.train.LearningRateSchedule.Decay;
import ai.lion.spark.train.LionTrainer;
import ai.lion.spark.train.TrainingDefaults;
import ai.lion.spark.train.TrainingReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A Spark ML {@code Estimator} that trains the LION classifier of a {@link LionConfig} with the
 * distributed trainer ({@link LionTrainer}: parameter averaging over the executors, AdamW with linear
 * warm-up and cosine or constant decay, checkpoints) and returns a {@link LionClassificationModel}.
 *
 * <p>The model is the param {@code model}, a whole {@code LionConfig}; the input kind, vocabulary and
 * number of classes are read from it. The training hyper-parameters are params with the defaults of
 * {@link TrainingDefaults}, the same as the jobs' {@code train} section. A fraction
 * {@code validationFraction} of the rows is held out for the trainer's per-epoch validation.
 *
 * <p>Each fit trains in its own directory under {@code checkpointDir}, named by a digest of the params
 * and of the training rows: fitting again with the same params on the same rows continues, or returns,
 * that run, and every candidate of a {@code ParamGridBuilder} grid trains in its own directory, so
 * {@code TrainValidationSplit} and {@code CrossValidator} can sweep {@code model} and the
 * hyper-parameters.
 *
 * <pre>{@code
 * LionClassifier classifier = new LionClassifier(config)
 *         .setFeaturesCol("tokens").setCheckpointDir("hdfs:///runs/sentiment").setEpochs(5);
 * PipelineModel fitted = new Pipeline().setStages(new PipelineStage[] {tokenizer, classifier}).fit(train);
 * }</pre>
 *
 * <p>{@code write().save(path)} stores the params, the {@code LionConfig} among them, as Spark ML
 * metadata; {@link #load} restores the estimator, alone or inside a {@code Pipeline}.
 */
public final class LionClassifier extends Estimator<LionClassificationModel> implements HasLionParams, MLWritable {

    private static final long serialVersionUID = 1L;

    private final String uid;
    private final LionParams params;
    private final LionConfigParam model;
    private final Param<String> checkpointDir;
    private final IntParam epochs;
    private final DoubleParam learningRate;
    private final DoubleParam warmupEpochs;
    private final Param<String> lrSchedule;
    private final DoubleParam minLearningRate;
    private final DoubleParam weightDecay;
    private final IntParam averagingFrequency;
    private final LongParam seed;
    private final DoubleParam validationFraction;
    private final IntParam workers;
    private final IntParam maxShift;
    private final BooleanParam horizontalFlip;

    /**
     * An estimator training the classifier {@code config} describes.
     *
     * @throws IllegalArgumentException if {@code config} is not a classifier (task MLM)
     */
    public LionClassifier(LionConfig config) {
        this(Identifiable.randomUID("lionClassifier"));
        setModel(config);
    }

    /** An estimator without {@code model}, for {@link LionClassifierReader} and {@link #copy}. */
    LionClassifier(String uid) {
        this.uid = uid;
        this.params = new LionParams(this);
        model = new LionConfigParam(this, "model", "the LionConfig of the classifier to train (task CLASSIFY)");
        checkpointDir = new Param<>(this, "checkpointDir", "directory (any Hadoop file system) under which each fit"
                + " keeps its training run's checkpoints and metrics; required");
        epochs = new IntParam(this, "epochs", "training epochs", ParamValidators.gtEq(1));
        learningRate = new DoubleParam(this, "learningRate", "AdamW peak learning rate, reached after the warm-up",
                ParamValidators.gt(0));
        warmupEpochs = new DoubleParam(this, "warmupEpochs", "epochs of linear warm-up from 0 to learningRate; a"
                + " fraction is allowed, and it must be shorter than epochs", ParamValidators.gtEq(0));
        lrSchedule = new Param<>(this, "lrSchedule", "learning rate after the warm-up: COSINE decay to"
                + " minLearningRate or CONSTANT", ParamValidators.inArray(LionParams.names(Decay.values())));
        minLearningRate = new DoubleParam(this, "minLearningRate", "final learning rate of the COSINE schedule",
                ParamValidators.gtEq(0));
        weightDecay = new DoubleParam(this, "weightDecay", "AdamW decoupled weight decay", ParamValidators.gtEq(0));
        averagingFrequency = new IntParam(this, "averagingFrequency", "minibatches each worker fits between two"
                + " parameter averagings", ParamValidators.gtEq(1));
        seed = new LongParam(this, "seed", "seed of the validation split and of the training run");
        validationFraction = new DoubleParam(this, "validationFraction", "share of rows held out for validation",
                ParamValidators.inRange(0, 1, false, false));
        workers = new IntParam(this, "workers", "training workers; 0 for the Spark default parallelism",
                ParamValidators.gtEq(0));
        maxShift = new IntParam(this, "maxShift", "image models: largest shift in pixels of a training image along each"
                + " axis, drawn afresh per image and epoch; 0 for none", ParamValidators.gtEq(0));
        horizontalFlip = new BooleanParam(this, "horizontalFlip", "image models: mirror half of the training images"
                + " left to right");
        setDefault(epochs, TrainingDefaults.EPOCHS);
        setDefault(learningRate, TrainingDefaults.PEAK_LEARNING_RATE);
        setDefault(warmupEpochs, TrainingDefaults.WARMUP_EPOCHS);
        setDefault(lrSchedule, TrainingDefaults.DECAY.name());
        setDefault(minLearningRate, TrainingDefaults.MIN_LEARNING_RATE);
        setDefault(weightDecay, TrainingDefaults.WEIGHT_DECAY);
        setDefault(averagingFrequency, TrainingDefaults.AVERAGING_FREQUENCY);
        setDefault(seed, TrainingDefaults.SEED);
        setDefault(validationFraction, 0.1);
        setDefault(workers, 0);
        setDefault(maxShift, ImageAugmentation.NONE.maxShift());
        setDefault(horizontalFlip, ImageAugmentation.NONE.horizontalFlip());
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public LionParams lionParams() {
        return params;
    }

    public Param<LionConfig> model() { return model; }

    public Param<String> checkpointDir() { return checkpointDir; }

    public IntParam epochs() { return epochs; }

    public DoubleParam learningRate() { return learningRate; }

    public DoubleParam warmupEpochs() { return warmupEpochs; }

    public Param<String> lrSchedule() { return lrSchedule; }

    public DoubleParam minLearningRate() { return minLearningRate; }

    public DoubleParam weightDecay() { return weightDecay; }

    public IntParam averagingFrequency() { return averagingFrequency; }

    public LongParam seed() { return seed; }

    public DoubleParam validationFraction() { return validationFraction; }

    public IntParam workers() { return workers; }

    public IntParam maxShift() { return maxShift; }

    public BooleanParam horizontalFlip() { return horizontalFlip; }

    public LionConfig getModel() { return getOrDefault(model); }

    public String getCheckpointDir() { return getOrDefault(checkpointDir); }

    public int getEpochs() { return (Integer) getOrDefault(epochs); }

    public double getLearningRate() { return (Double) getOrDefault(learningRate); }

    public double getWarmupEpochs() { return (Double) getOrDefault(warmupEpochs); }

    public Decay getLrSchedule() { return Decay.valueOf(getOrDefault(lrSchedule)); }

    public double getMinLearningRate() { return (Double) getOrDefault(minLearningRate); }

    public double getWeightDecay() { return (Double) getOrDefault(weightDecay); }

    public int getAveragingFrequency() { return (Integer) getOrDefault(averagingFrequency); }

    public long getSeed() { return (Long) getOrDefault(seed); }

    public double getValidationFraction() { return (Double) getOrDefault(validationFraction); }

    public int getWorkers() { return (Integer) getOrDefault(workers); }

    public int getMaxShift() { return (Integer) getOrDefault(maxShift); }

    public boolean getHorizontalFlip() { return (Boolean) getOrDefault(horizontalFlip); }

    /**
     * Sets the classifier to train.
     *
     * @throws IllegalArgumentException if {@code value} is not a classifier (task MLM)
     */
    public LionClassifier setModel(LionConfig value) {
        if (value.task() != Task.CLASSIFY) {
            throw new IllegalArgumentException("param model of " + uid + " must be a classifier (task CLASSIFY), got"
                    + " task " + value.task());
        }
        set(model, value);
        return this;
    }

    public LionClassifier setCheckpointDir(String value) { set(checkpointDir, value); return this; }

    public LionClassifier setEpochs(int value) { set(epochs, value); return this; }

    public LionClassifier setLearningRate(double value) { set(learningRate, value); return this; }

    public LionClassifier setWarmupEpochs(double value) { set(warmupEpochs, value); return this; }

    public LionClassifier setLrSchedule(String value) { set(lrSchedule, value); return this; }

    public LionClassifier setMinLearningRate(double value) { set(minLearningRate, value); return this; }

    public LionClassifier setWeightDecay(double value) { set(weightDecay, value); return this; }

    public LionClassifier setAveragingFrequency(int value) { set(averagingFrequency, value); return this; }

    public LionClassifier setSeed(long value) { set(seed, value); return this; }

    public LionClassifier setValidationFraction(double value) { set(validationFraction, value); return this; }

    public LionClassifier setWorkers(int value) { set(workers, value); return this; }

    public LionClassifier setMaxShift(int value) { set(maxShift, value); return this; }

    public LionClassifier setHorizontalFlip(boolean value) { set(horizontalFlip, value); return this; }

    public LionClassifier setFeaturesCol(String value) { set(featuresCol(), value); return this; }

    public LionClassifier setLabelCol(String value) { set(labelCol(), value); return this; }

    public LionClassifier setIdCol(String value) { set(idCol(), value); return this; }

    public LionClassifier setPredictionCol(String value) { set(predictionCol(), value); return this; }

    public LionClassifier setProbabilityCol(String value) { set(probabilityCol(), value); return this; }

    public LionClassifier setEmbeddingCol(String value) { set(embeddingCol(), value); return this; }

    public LionClassifier setBatchSize(int value) { set(batchSize(), value); return this; }

    public LionClassifier setMaxLength(int value) { set(maxLength(), value); return this; }

    public LionClassifier setBadRowPolicy(String value) { set(badRowPolicy(), value); return this; }

    public LionClassifier setForm(String value) { set(form(), value); return this; }

    public LionClassifier setChunkSize(int value) { set(chunkSize(), value); return this; }

    public LionClassifier setLongSequenceThreshold(int value) { set(longSequenceThreshold(), value); return this; }

    /**
     * Checks the features and label columns and returns the schema the fitted model will produce.
     *
     * @throws ai.lion.spark.data.DataSchemaException if the features column is missing or has the wrong type
     * @throws IllegalArgumentException               if the label column is missing or not an int
     */
    @Override
    public StructType transformSchema(StructType schema) {
        String label = getLabelCol();
        if (!Arrays.asList(schema.fieldNames()).contains(label)
                || !schema.apply(label).dataType().equals(DataTypes.IntegerType)) {
            throw new IllegalArgumentException("label column '" + label + "' must exist and hold int classes; the"
                    + " input has " + schema.simpleString());
        }
        return LionClassificationModel.outputSchema(this, requiredModel(), schema);
    }

    /**
     * Trains on {@code dataset} (minus the validation share) in the run directory of these params and rows.
     *
     * @throws IllegalArgumentException if {@code checkpointDir} is not set, a column is missing or mistyped, or
     *                                  the learning-rate params contradict each other
     * @throws UncheckedIOException     if the checkpoint directory cannot be used
     */
    @Override
    public LionClassificationModel fit(Dataset<?> dataset) {
        if (!isDefined(checkpointDir)) {
            throw new IllegalArgumentException("param checkpointDir of " + uid + " is required: the training run keeps"
                    + " its checkpoints there");
        }
        transformSchema(dataset.schema(), true);
        LearningRateSchedule schedule = schedule();
        ImageAugmentation augmentation = augmentation();
        Dataset<Row> rows = dataset.toDF();
        String run = RunDirectory.of(this, rows);
        double held = getValidationFraction();
        Dataset<Row>[] split = rows.randomSplit(new double[] {1 - held, held}, getSeed());
        LionTrainer trainer = LionTrainer.builder(requiredModel(), AdamW.defaults().withWeightDecay(getWeightDecay()))
                .data(StageSettings.data(this))
                .checkpointRoot(run)
                .epochs(getEpochs())
                .seed(getSeed())
                .workers(getWorkers())
                .averagingFrequency(getAveragingFrequency())
                .learningRate(schedule)
                .imageAugmentation(augmentation)
                .build();
        TrainingReport report;
        try {
            report = trainer.fit(split[0], split[1]);
        } catch (IOException e) {
            throw new UncheckedIOException("training run in " + run + " failed", e);
        }
        LionClassificationModel fitted = LionClassificationModel.of(report.model());
        return copyValues(fitted, ParamMap.empty()).setParent(this);
    }

    /** How training images change, after checking that the model reads images if they change at all. */
    private ImageAugmentation augmentation() {
        ImageAugmentation augmentation = new ImageAugmentation(getMaxShift(), getHorizontalFlip());
        if (!augmentation.isNone() && !(requiredModel().input() instanceof PatchInput)) {
            throw new IllegalArgumentException("params maxShift (" + getMaxShift() + ") and horizontalFlip ("
                    + getHorizontalFlip() + ") of " + uid + " change training images, but the model reads "
                    + requiredModel().input());
        }
        return augmentation;
    }

    /** The learning rate over the run, after checking the params against each other. */
    private LearningRateSchedule schedule() {
        if (getWarmupEpochs() >= getEpochs()) {
            throw new IllegalArgumentException("param warmupEpochs (" + getWarmupEpochs() + ") of " + uid + " must be"
                    + " shorter than epochs (" + getEpochs() + ")");
        }
        if (getLrSchedule() == Decay.COSINE && getMinLearningRate() > getLearningRate()) {
            throw new IllegalArgumentException("param minLearningRate (" + getMinLearningRate() + ") of " + uid
                    + " must not exceed learningRate (" + getLearningRate() + ")");
        }
        return LearningRateSchedule.of(getLearningRate(), getWarmupEpochs(), getLrSchedule(), getMinLearningRate());
    }

    /** The LionConfig to train, which param {@code model} must hold. */
    private LionConfig requiredModel() {
        if (!isDefined(model)) {
            throw new IllegalArgumentException("param model of " + uid + " is required: the LionConfig to train");
        }
        return getModel();
    }

    @Override
    public LionClassifier copy(ParamMap extra) {
        return copyValues(new LionClassifier(uid), extra);
    }

    @Override
    public MLWriter write() {
        return new DefaultParamsWriter(this);
    }

    /** Reads estimators written by {@link #write()}. */
    public static MLReader<LionClassifier> read() {
        return new LionClassifierReader();
    }

    /** Loads an estimator written by {@code write().save(path)}. */
    public static LionClassifier load(String path) {
        return read().load(path);
    }
}
