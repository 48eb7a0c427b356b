/**
 * The Spark ML API of LION classifiers, for pipeline users.
 *
 * <p>{@link ai.lion.spark.ml.LionClassifier} is an {@code Estimator}: it trains the network a
 * {@link ai.lion.spark.train.GraphFactory} describes through the distributed trainer and returns a
 * {@link ai.lion.spark.ml.LionClassificationModel}, a {@code Transformer} that appends the predicted
 * class, the class probabilities and optionally the pooled embedding, scoring on the executors with
 * {@link ai.lion.spark.score.BatchScorer}. Both share the Params of
 * {@link ai.lion.spark.ml.HasLionParams} (columns, batch size, maximum length, bad-row policy, and the
 * long-sequence threshold, form and chunk size). The model is {@code MLWritable}/{@code MLReadable}:
 * Spark ML params metadata plus the DL4J model zip, so it can be saved alone or inside a
 * {@code PipelineModel}.
 */
package ai.lion.spark.ml;
