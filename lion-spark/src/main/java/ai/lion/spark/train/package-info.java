/**
 * Distributed training of LION models ({@code ai.lion.core.models}) on Spark with DL4J parameter
 * averaging; every checkpoint holds a {@link ai.lion.core.models.LionModel} (network, LionConfig and
 * provenance), which scoring and Spark ML read as it is.
 *
 * <ul>
 *   <li>{@link ai.lion.spark.train.LionTrainer}: the entry point, configured by its builder: DataFrames
 *       in, a {@link ai.lion.spark.train.TrainingReport} out; checkpoints and resumes through
 *       {@code ai.lion.spark.checkpoint.CheckpointStore}.</li>
 *   <li>{@link ai.lion.spark.train.TrainingOptions}: every knob of the run and of DL4J's
 *       {@code ParameterAveragingTrainingMaster} as the builder set them, with
 *       {@link ai.lion.spark.train.LearningRateSchedule} (warm-up + cosine),
 *       {@link ai.lion.spark.train.GradientClipping} and {@link ai.lion.spark.train.EarlyStopping}.</li>
 *   <li>{@link ai.lion.spark.train.Evaluator}: loss and accuracy per prediction target (per example for
 *       classification, per masked position for MLM) in one Spark job; the
 *       {@link ai.lion.spark.train.FrequencyBaseline} (class frequencies, or token frequencies for MLM) is
 *       scored the same way, and {@link ai.lion.spark.train.Perplexity} reads MLM losses.</li>
 * </ul>
 *
 * <pre>{@code
 * TrainingReport report = LionTrainer.builder(config, AdamW.defaults())
 *         .data(DataSettings.builder().batchSize(32).build()).dataPath("train", trainPath)
 *         .checkpointRoot("hdfs://nn:8020/runs/vit-small").epochs(10)
 *         .learningRate(LearningRateSchedule.warmupCosine(1e-3, 1, 0))
 *         .build()
 *         .fit(trainRows, validationRows);
 * }</pre>
 */
package ai.lion.spark.train;
