package ai.lion.spark.ml;

import ai.lion.core.attention.Form;
import ai.lion.core.attention.LionOptions;
import ai.lion.spark.data.BadRowPolicy;
import ai.lion.spark.train.TrainingDefaults;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamPair;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;

/**
 * The Params of one {@link LionClassifier} or {@link LionClassificationModel}, created for (and owned
 * by) that stage. Spark ML finds them through the accessors of {@link HasLionParams}.
 */
public final class LionParams implements Serializable {

    private static final long serialVersionUID = 1L;

    final Param<String> featuresCol;
    final Param<String> labelCol;
    final Param<String> idCol;
    final Param<String> predictionCol;
    final Param<String> probabilityCol;
    final Param<String> embeddingCol;
    final IntParam batchSize;
    final IntParam maxLength;
    final Param<String> badRowPolicy;
    final Param<String> form;
    final IntParam chunkSize;
    final IntParam longSequenceThreshold;

    /** Creates the params of {@code owner} and sets their defaults on it. */
    @SuppressWarnings("unchecked")
    LionParams(Params owner) {
        featuresCol = new Param<>(owner, "featuresCol", "sequence column: token ids array<int> or flattened"
                + " patches array<float>");
        labelCol = new Param<>(owner, "labelCol", "class label column (int), read when fitting");
        idCol = new Param<>(owner, "idCol", "optional column (string, int or bigint) naming rows in bad-row messages");
        predictionCol = new Param<>(owner, "predictionCol", "output column: the most probable class (double)");
        probabilityCol = new Param<>(owner, "probabilityCol", "output column: class probabilities (vector)");
        embeddingCol = new Param<>(owner, "embeddingCol", "output column for the pooled embedding (array<float>);"
                + " empty for none");
        batchSize = new IntParam(owner, "batchSize", "rows per minibatch (in training: per worker)", ParamValidators.gtEq(1));
        maxLength = new IntParam(owner, "maxLength", "longest sequence accepted (tokens or patches); longer ones"
                + " are bad rows; 0 for the model's sequence length (a longer limit needs a token model"
                + " without positional embeddings)", ParamValidators.gtEq(0));
        badRowPolicy = new Param<>(owner, "badRowPolicy", "what to do with invalid rows: FAIL the job or SKIP"
                + " and count them", ParamValidators.inArray(names(BadRowPolicy.values())));
        form = new Param<>(owner, "form", "attention form for sequences longer than longSequenceThreshold",
                ParamValidators.inArray(names(Form.values())));
        chunkSize = new IntParam(owner, "chunkSize", "chunk length of the CHUNK form", ParamValidators.gtEq(1));
        longSequenceThreshold = new IntParam(owner, "longSequenceThreshold", "sequences with more steps are"
                + " scored one at a time in the long-sequence form", ParamValidators.gtEq(1));
        defaults().forEach(pair -> owner.setDefault((Param<Object>) pair.param(), pair.value()));
    }

    /** The names of {@code values}, the allowed values of an enum param. */
    static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    private List<ParamPair<?>> defaults() {
        return List.of(
                featuresCol.w("features"),
                labelCol.w("label"),
                idCol.w("id"),
                predictionCol.w("prediction"),
                probabilityCol.w("probability"),
                embeddingCol.w(""),
                batchSize.w(TrainingDefaults.BATCH_SIZE_PER_WORKER),
                maxLength.w(0),
                badRowPolicy.w(BadRowPolicy.FAIL.name()),
                form.w(Form.ATTENTION.name()),
                chunkSize.w(LionOptions.DEFAULT_CHUNK_SIZE),
                longSequenceThreshold.w(Integer.MAX_VALUE));
    }
}
