/**
 * The Spark ML API of LION classifiers, for pipeline users.
 *
 * <p>{@link ai.lion.spark.ml.LionClassifier} is an {@code Estimator}: it trains the classifier of a
 * {@code LionConfig} (its param {@code model}) through the distributed trainer, with the training
 * hyper-parameters of the jobs' {@code train} section as params, and returns a
 * {@link ai.lion.spark.ml.LionClassificationModel}, a {@code Transformer} that appends the predicted
 * class, the class probabilities and optionally the pooled embedding, scoring on the executors with
 * {@link ai.lion.spark.score.BatchScorer}. Both share the Params of
 * {@link ai.lion.spark.ml.HasLionParams} (columns, batch size, maximum length, bad-row policy, and the
 * long-sequence threshold, form and chunk size). Both are {@code MLWritable}/{@code MLReadable}: the
 * estimator as Spark ML params metadata (the {@code LionConfig} as JSON), the model as that metadata
 * plus the DL4J model zip, alone or inside a {@code Pipeline}/{@code PipelineModel}.
 */
package ai.lion.spark.ml;
