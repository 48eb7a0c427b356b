/**
 * The typed, immutable job configuration, independent of Spark.
 *
 * <p>{@link ai.lion.jobs.config.JobConfigLoader} layers {@code reference.conf} (every key, its default
 * and its documentation), the job file and the {@code --set} overrides
 * ({@link ai.lion.jobs.config.ConfigOverride}) and rejects unknown keys.
 * {@link ai.lion.jobs.config.ConfigReader} reads values with their rules and collects every
 * {@link ai.lion.jobs.config.ConfigProblem}; one class per section turns the configuration into
 * typed values: {@link ai.lion.jobs.config.DataConfig}, {@link ai.lion.jobs.config.PrepareConfig},
 * {@link ai.lion.jobs.config.ModelSection} (into the model library's {@code LionConfig}),
 * {@link ai.lion.jobs.config.TrainConfig}, {@link ai.lion.jobs.config.CheckpointConfig},
 * {@link ai.lion.jobs.config.EvaluateConfig}, {@link ai.lion.jobs.config.ScoreConfig} and
 * {@link ai.lion.jobs.config.SparkConfig}. {@link ai.lion.jobs.config.KeyDoc} documents the keys
 * for {@code --help}.
 */
package ai.lion.jobs.config;
