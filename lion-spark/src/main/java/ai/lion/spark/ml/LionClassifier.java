package ai.lion.spark.ml;

import ai.lion.spark.data.BatchSpec;
import ai.lion.spark.score.ModelSignature;
import ai.lion.spark.train.GraphFactory;
import ai.lion.spark.train.LearningRateSchedule;
import ai.lion.spark.train.LionTrainer;
import ai.lion.spark.train.TrainingReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Objects;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A Spark ML {@code Estimator} that trains a sequence classifier with the distributed trainer
 * ({@link LionTrainer}: parameter averaging over the executors, checkpoints under
 * {@code checkpointDir}) and returns a {@link LionClassificationModel}.
 *
 * <p>The network comes from a {@link GraphFactory} given to the constructor (for LION models, built
 * from a {@code LionConfig}); the input kind, vocabulary and number of classes are read from it, the
 * rest from the Params. A fraction {@code validationFraction} of the rows is held out for the
 * trainer's per-epoch validation. Fitting again with the same {@code checkpointDir} continues, or
 * returns, the run stored there.
 *
 * <pre>{@code
 * LionClassifier classifier = new LionClassifier(GraphFactory.of(config, AdamW.defaults()))
 *         .setFeaturesCol("tokens").setCheckpointDir("hdfs:///runs/sentiment").setEpochs(5);
 * PipelineModel fitted = new Pipeline().setStages(new PipelineStage[] {tokenizer, classifier}).fit(train);
 * }</pre>
 *
 * <p>The estimator itself is not {@code MLWritable}, since its network is code rather than a param;
 * the fitted model is.
 */
public final class LionClassifier extends Estimator<LionClassificationModel> implements HasLionParams {

    private static final long serialVersionUID = 1L;

    private final String uid;
    private final GraphFactory graphFactory;
    private final LionParams params;
    private final Param<String> checkpointDir;
    private final IntParam epochs;
    private final DoubleParam learningRate;
    private final LongParam seed;
    private final DoubleParam validationFraction;
    private final IntParam workers;

    /** An estimator training the network {@code graphFactory} describes. */
    public LionClassifier(GraphFactory graphFactory) {
        this(Identifiable.randomUID("lionClassifier"), graphFactory);
    }

    private LionClassifier(String uid, GraphFactory graphFactory) {
        this.uid = uid;
        this.graphFactory = Objects.requireNonNull(graphFactory, "graphFactory");
        this.params = new LionParams(this);
        checkpointDir = new Param<>(this, "checkpointDir", "directory (any Hadoop file system) for the training"
                + " run's checkpoints and metrics; required");
        epochs = new IntParam(this, "epochs", "training epochs", ParamValidators.gtEq(1));
        learningRate = new DoubleParam(this, "learningRate", "constant learning rate", ParamValidators.gt(0));
        seed = new LongParam(this, "seed", "seed of the validation split and of the training run");
        validationFraction = new DoubleParam(this, "validationFraction", "share of rows held out for validation",
                ParamValidators.inRange(0, 1, false, false));
        workers = new IntParam(this, "workers", "training workers; 0 for the Spark default parallelism",
                ParamValidators.gtEq(0));
        setDefault(epochs, 10);
        setDefault(learningRate, 1e-3);
        setDefault(seed, 42L);
        setDefault(validationFraction, 0.1);
        setDefault(workers, 0);
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public LionParams lionParams() {
        return params;
    }

    public Param<String> checkpointDir() { return checkpointDir; }

    public IntParam epochs() { return epochs; }

    public DoubleParam learningRate() { return learningRate; }

    public LongParam seed() { return seed; }

    public DoubleParam validationFraction() { return validationFraction; }

    public IntParam workers() { return workers; }

    public String getCheckpointDir() { return getOrDefault(checkpointDir); }

    public int getEpochs() { return (Integer) getOrDefault(epochs); }

    public double getLearningRate() { return (Double) getOrDefault(learningRate); }

    public long getSeed() { return (Long) getOrDefault(seed); }

    public double getValidationFraction() { return (Double) getOrDefault(validationFraction); }

    public int getWorkers() { return (Integer) getOrDefault(workers); }

    public LionClassifier setCheckpointDir(String value) { set(checkpointDir, value); return this; }

    public LionClassifier setEpochs(int value) { set(epochs, value); return this; }

    public LionClassifier setLearningRate(double value) { set(learningRate, value); return this; }

    public LionClassifier setSeed(long value) { set(seed, value); return this; }

    public LionClassifier setValidationFraction(double value) { set(validationFraction, value); return this; }

    public LionClassifier setWorkers(int value) { set(workers, value); return this; }

    public LionClassifier setFeaturesCol(String value) { set(featuresCol(), value); return this; }

    public LionClassifier setLabelCol(String value) { set(labelCol(), value); return this; }

    public LionClassifier setIdCol(String value) { set(idCol(), value); return this; }

    public LionClassifier setPredictionCol(String value) { set(predictionCol(), value); return this; }

    public LionClassifier setProbabilityCol(String value) { set(probabilityCol(), value); return this; }

    public LionClassifier setEmbeddingCol(String value) { set(embeddingCol(), value); return this; }

    public LionClassifier setBatchSize(int value) { set(batchSize(), value); return this; }

    public LionClassifier setMaxLength(int value) { set(maxLength(), value); return this; }

    public LionClassifier setPatchDim(int value) { set(patchDim(), value); return this; }

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
        return LionClassificationModel.outputSchema(this, ModelSignature.of(graphFactory.configuration()), schema);
    }

    /**
     * Trains on {@code dataset} (minus the validation share).
     *
     * @throws IllegalArgumentException if {@code checkpointDir} is not set, or a column is missing or mistyped
     * @throws UncheckedIOException     if the checkpoint directory cannot be used
     */
    @Override
    public LionClassificationModel fit(Dataset<?> dataset) {
        if (!isDefined(checkpointDir)) {
            throw new IllegalArgumentException("param checkpointDir of " + uid + " is required: the training run keeps"
                    + " its checkpoints there");
        }
        transformSchema(dataset.schema(), true);
        BatchSpec spec = StageSettings.batchSpec(this, ModelSignature.of(graphFactory.configuration()));
        double held = getValidationFraction();
        Dataset<Row>[] split = dataset.toDF().randomSplit(new double[] {1 - held, held}, getSeed());
        LionTrainer trainer = LionTrainer.builder(graphFactory)
                .batches(spec)
                .checkpointRoot(getCheckpointDir())
                .epochs(getEpochs())
                .seed(getSeed())
                .workers(getWorkers())
                .learningRate(LearningRateSchedule.constant(getLearningRate()))
                .build();
        TrainingReport report;
        try {
            report = trainer.fit(split[0], split[1]);
        } catch (IOException e) {
            throw new UncheckedIOException("training run in " + getCheckpointDir() + " failed", e);
        }
        LionClassificationModel model = LionClassificationModel.of(report.graph(), graphFactory.modelConfigJson());
        return copyValues(model, ParamMap.empty()).setParent(this);
    }

    @Override
    public LionClassifier copy(ParamMap extra) {
        return copyValues(new LionClassifier(uid, graphFactory), extra);
    }
}
