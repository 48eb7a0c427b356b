package ai.lion.spark.ml;

import ai.lion.core.models.LionConfig;
import ai.lion.core.models.LionModel;
import ai.lion.core.models.Task;
import ai.lion.spark.data.BatchSpec;
import ai.lion.spark.data.SequenceReader;
import ai.lion.spark.score.BatchScorer;
import ai.lion.spark.score.BroadcastModel;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import org.apache.spark.SparkContext;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A trained sequence classifier as a Spark ML {@code Transformer}: appends the predicted class
 * ({@code double}), the class probabilities ({@code vector}) and, if {@code embeddingCol} is set, the
 * pooled embedding ({@code array<float>}) to each row. Scoring runs on the executors through
 * {@link BatchScorer}: the model is broadcast once per Spark application and loaded once per executor.
 *
 * <p>{@code write().save(path)} stores the params as Spark ML metadata under {@code path/metadata} and
 * the {@link LionModel} file (parameters without updater state, LionConfig, provenance) as
 * {@code path/model/model.zip}, which can also be scored by itself; {@link #load} restores both.
 */
public final class LionClassificationModel extends Model<LionClassificationModel>
        implements HasLionParams, MLWritable {

    private static final long serialVersionUID = 1L;

    private final String uid;
    private final LionParams params;
    private final transient LionModel model;
    private transient BroadcastModel shipped;

    LionClassificationModel(String uid, LionModel model) {
        this.uid = Objects.requireNonNull(uid, "uid");
        this.model = Objects.requireNonNull(model, "model");
        this.params = new LionParams(this);
        if (model.config().task() != Task.CLASSIFY) {
            throw new IllegalArgumentException("a LionClassificationModel needs a CLASSIFY model, got task "
                    + model.config().task());
        }
    }

    /**
     * Wraps a trained classifier.
     *
     * @throws IllegalArgumentException if the model is not a classifier (a masked-language model)
     */
    public static LionClassificationModel of(LionModel model) {
        return new LionClassificationModel(Identifiable.randomUID("lionClassificationModel"), model);
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public LionParams lionParams() {
        return params;
    }

    /** The trained model: network, config and provenance; callers must not change the network. */
    public LionModel model() {
        return model;
    }

    public LionClassificationModel setFeaturesCol(String value) { set(featuresCol(), value); return this; }

    public LionClassificationModel setIdCol(String value) { set(idCol(), value); return this; }

    public LionClassificationModel setPredictionCol(String value) { set(predictionCol(), value); return this; }

    public LionClassificationModel setProbabilityCol(String value) { set(probabilityCol(), value); return this; }

    public LionClassificationModel setEmbeddingCol(String value) { set(embeddingCol(), value); return this; }

    public LionClassificationModel setBatchSize(int value) { set(batchSize(), value); return this; }

    public LionClassificationModel setMaxLength(int value) { set(maxLength(), value); return this; }

    public LionClassificationModel setBadRowPolicy(String value) { set(badRowPolicy(), value); return this; }

    public LionClassificationModel setForm(String value) { set(form(), value); return this; }

    public LionClassificationModel setChunkSize(int value) { set(chunkSize(), value); return this; }

    public LionClassificationModel setLongSequenceThreshold(int value) {
        set(longSequenceThreshold(), value);
        return this;
    }

    /**
     * Checks the features (and optional id) column against the model and appends the output columns.
     *
     * @throws ai.lion.spark.data.DataSchemaException if the features column is missing or has the wrong type
     * @throws IllegalArgumentException               if an output column already exists
     */
    @Override
    public StructType transformSchema(StructType schema) {
        return outputSchema(this, model.config(), schema);
    }

    /** The input schema checked for {@code stage} reading rows for {@code model}, extended with its output columns. */
    static StructType outputSchema(HasLionParams stage, LionConfig model, StructType schema) {
        SequenceReader.forSchema(schema, BatchSpec.of(model, StageSettings.data(stage)));
        StructType output = schema.add(stage.getPredictionCol(), DataTypes.DoubleType, false)
                .add(stage.getProbabilityCol(), SQLDataTypes.VectorType(), false);
        if (!stage.getEmbeddingCol().isEmpty()) {
            output = output.add(stage.getEmbeddingCol(), DataTypes.createArrayType(DataTypes.FloatType, false), false);
        }
        List<String> names = List.of(output.fieldNames());
        if (new HashSet<>(names).size() != names.size()) {
            throw new IllegalArgumentException("the output columns of " + stage.uid() + " clash with the input"
                    + " columns: " + names);
        }
        return output;
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        transformSchema(dataset.schema(), true);
        BatchScorer scorer = BatchScorer.create(shippedTo(dataset.sparkSession().sparkContext()),
                StageSettings.scoringOptions(this));
        Dataset<Row> scored = scorer.score(dataset.toDF()).rows();
        return scored
                .withColumn(getPredictionCol(), functions.col(getPredictionCol()).cast(DataTypes.DoubleType))
                .withColumn(getProbabilityCol(),
                        org.apache.spark.ml.functions.array_to_vector(functions.col(getProbabilityCol())));
    }

    /** The broadcast of this model in {@code context}, made on first use there. */
    private synchronized BroadcastModel shippedTo(SparkContext context) {
        if (shipped == null || !shipped.isUsableIn(context)) {
            shipped = BroadcastModel.of(context, model, "LionClassificationModel " + uid);
        }
        return shipped;
    }

    @Override
    public LionClassificationModel copy(ParamMap extra) {
        LionClassificationModel copy = copyValues(new LionClassificationModel(uid, model), extra);
        synchronized (this) {
            copy.shipped = shipped;
        }
        return copy.setParent(parent());
    }

    @Override
    public MLWriter write() {
        return new LionModelWriter(this);
    }

    /** Reads models written by {@link #write()}. */
    public static MLReader<LionClassificationModel> read() {
        return new LionModelReader();
    }

    /** Loads a model written by {@code write().save(path)}. */
    public static LionClassificationModel load(String path) {
        return read().load(path);
    }

    @Override
    public String toString() {
        return "LionClassificationModel: uid=" + uid + ", " + model;
    }
}
