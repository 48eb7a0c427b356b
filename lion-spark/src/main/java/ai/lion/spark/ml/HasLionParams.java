package ai.lion.spark.ml;

import ai.lion.core.attention.Form;
import ai.lion.spark.data.BadRowPolicy;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * The Params {@link LionClassifier} and {@link LionClassificationModel} share, with their getters.
 * Spark ML discovers a stage's params through public no-argument methods returning a {@link Param},
 * which the default methods here provide for both stages; the setters live in the stages, so that
 * they return the stage's own type.
 */
public interface HasLionParams extends Params {

    /** This stage's params. */
    LionParams lionParams();

    default Param<String> featuresCol() { return lionParams().featuresCol; }

    default Param<String> labelCol() { return lionParams().labelCol; }

    default Param<String> idCol() { return lionParams().idCol; }

    default Param<String> predictionCol() { return lionParams().predictionCol; }

    default Param<String> probabilityCol() { return lionParams().probabilityCol; }

    default Param<String> embeddingCol() { return lionParams().embeddingCol; }

    default IntParam batchSize() { return lionParams().batchSize; }

    default IntParam maxLength() { return lionParams().maxLength; }

    default Param<String> badRowPolicy() { return lionParams().badRowPolicy; }

    default Param<String> form() { return lionParams().form; }

    default IntParam chunkSize() { return lionParams().chunkSize; }

    default IntParam longSequenceThreshold() { return lionParams().longSequenceThreshold; }

    default String getFeaturesCol() { return getOrDefault(featuresCol()); }

    default String getLabelCol() { return getOrDefault(labelCol()); }

    default String getIdCol() { return getOrDefault(idCol()); }

    default String getPredictionCol() { return getOrDefault(predictionCol()); }

    default String getProbabilityCol() { return getOrDefault(probabilityCol()); }

    default String getEmbeddingCol() { return getOrDefault(embeddingCol()); }

    default int getBatchSize() { return (Integer) getOrDefault(batchSize()); }

    default int getMaxLength() { return (Integer) getOrDefault(maxLength()); }

    default BadRowPolicy getBadRowPolicy() { return BadRowPolicy.valueOf(getOrDefault(badRowPolicy())); }

    default Form getForm() { return Form.valueOf(getOrDefault(form())); }

    default int getChunkSize() { return (Integer) getOrDefault(chunkSize()); }

    default int getLongSequenceThreshold() { return (Integer) getOrDefault(longSequenceThreshold()); }
}
