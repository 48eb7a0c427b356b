package ai.lion.spark.ml;

import ai.lion.spark.data.BatchSpec;
import ai.lion.spark.data.SequenceReader;
import ai.lion.spark.score.BatchScorer;
import ai.lion.spark.score.BroadcastModel;
import ai.lion.spark.score.ModelSignature;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * A trained sequence classifier as a Spark ML {@code Transformer}: appends the predicted class
 * ({@code double}), the class probabilities ({@code vector}) and, if {@code embeddingCol} is set, the
 * pooled embedding ({@code array<float>}) to each row. Scoring runs on the executors through
 * {@link BatchScorer}: the model is broadcast once per Spark application and loaded once per executor.
 *
 * <p>{@code write().save(path)} stores the params as Spark ML metadata under {@code path/metadata} and
 * the DL4J model (parameters, no updater state) as {@code path/model/model.zip}, plus the model's
 * own configuration in {@code path/model/model-config.json} if it has one; {@link #load} restores it.
 */
public final class LionClassificationModel extends Model<LionClassificationModel>
        implements HasLionParams, MLWritable {

    private static final long serialVersionUID = 1L;

    private final String uid;
    private final LionParams params;
    private final transient ComputationGraph graph;
    private final String modelConfigJson;
    private transient BroadcastModel shipped;

    LionClassificationModel(String uid, ComputationGraph graph, String modelConfigJson) {
        this.uid = Objects.requireNonNull(uid, "uid");
        this.graph = Objects.requireNonNull(graph, "graph");
        this.modelConfigJson = modelConfigJson;
        this.params = new LionParams(this);
        ModelSignature.of(graph.getConfiguration());
    }

    /**
     * Wraps a trained graph (a sequence classifier with one input and a softmax output fed by a pooling
     * vertex, like the LION classifiers).
     *
     * @param modelConfigJson the model's own configuration (e.g. a LionConfig), or null
     * @throws IllegalArgumentException if the graph is not such a classifier
     */
    public static LionClassificationModel of(ComputationGraph graph, String modelConfigJson) {
        return new LionClassificationModel(Identifiable.randomUID("lionClassificationModel"), graph, modelConfigJson);
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public LionParams lionParams() {
        return params;
    }

    /** The trained network; callers must not change it. */
    public ComputationGraph graph() {
        return graph;
    }

    /** The model's own configuration JSON, if it has one. */
    public Optional<String> modelConfigJson() {
        return Optional.ofNullable(modelConfigJson);
    }

    /** What the network reads and predicts. */
    public ModelSignature signature() {
        return ModelSignature.of(graph.getConfiguration());
    }

    public LionClassificationModel setFeaturesCol(String value) { set(featuresCol(), value); return this; }

    public LionClassificationModel setIdCol(String value) { set(idCol(), value); return this; }

    public LionClassificationModel setPredictionCol(String value) { set(predictionCol(), value); return this; }

    public LionClassificationModel setProbabilityCol(String value) { set(probabilityCol(), value); return this; }

    public LionClassificationModel setEmbeddingCol(String value) { set(embeddingCol(), value); return this; }

    public LionClassificationModel setBatchSize(int value) { set(batchSize(), value); return this; }

    public LionClassificationModel setMaxLength(int value) { set(maxLength(), value); return this; }

    public LionClassificationModel setPatchDim(int value) { set(patchDim(), value); return this; }

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
        return outputSchema(this, signature(), schema);
    }

    /** The input schema checked for {@code stage} and extended with its output columns. */
    static StructType outputSchema(HasLionParams stage, ModelSignature model, StructType schema) {
        SequenceReader.forSchema(schema, StageSettings.batchSpec(stage, model));
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
        BatchSpec spec = StageSettings.batchSpec(this, signature());
        BatchScorer scorer = BatchScorer.create(shippedTo(dataset.sparkSession().sparkContext()),
                StageSettings.scoringOptions(this, spec));
        Dataset<Row> scored = scorer.score(dataset.toDF()).rows();
        return scored
                .withColumn(getPredictionCol(), functions.col(getPredictionCol()).cast(DataTypes.DoubleType))
                .withColumn(getProbabilityCol(),
                        org.apache.spark.ml.functions.array_to_vector(functions.col(getProbabilityCol())));
    }

    /** The broadcast of this model in {@code context}, made on first use there. */
    private synchronized BroadcastModel shippedTo(SparkContext context) {
        if (shipped == null || !shipped.isUsableIn(context)) {
            shipped = BroadcastModel.of(context, graph, "LionClassificationModel " + uid, modelConfigJson);
        }
        return shipped;
    }

    @Override
    public LionClassificationModel copy(ParamMap extra) {
        LionClassificationModel copy = copyValues(new LionClassificationModel(uid, graph, modelConfigJson), extra);
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
        return "LionClassificationModel: uid=" + uid + ", " + signature();
    }
}
