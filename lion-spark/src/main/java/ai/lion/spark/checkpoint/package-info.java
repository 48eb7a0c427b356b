/**
 * Training checkpoints over the Hadoop {@code FileSystem} API ({@code hdfs://}, {@code file://},
 * or any scheme on the classpath). No Spark; what is stored is a {@link ai.lion.core.models.LionModel}.
 *
 * <ul>
 *   <li>{@link ai.lion.spark.checkpoint.CheckpointStore}: atomic writes (temporary directory, then one
 *       rename), listing, {@code latestValid()} that passes over damaged checkpoints, loading, and
 *       retention after each write.</li>
 *   <li>{@link ai.lion.spark.checkpoint.Checkpoint}: what is stored — the LionModel (network with its
 *       updater state, LionConfig and provenance) as {@code model.zip}, which can be scored or loaded by
 *       itself, the {@link ai.lion.spark.checkpoint.TrainingCursor}, the metrics so far and
 *       {@link ai.lion.spark.checkpoint.Scores}.</li>
 *   <li>{@link ai.lion.spark.checkpoint.CheckpointInfo}: one committed checkpoint as its manifest
 *       describes it; every file's size and SHA-256 is in the manifest, whose own SHA-256 sits beside it.</li>
 *   <li>{@link ai.lion.spark.checkpoint.RetentionPolicy}: keep the last K and the best by one score.</li>
 *   <li>{@link ai.lion.spark.checkpoint.MetricsLog}: an append-only JSON-lines log beside the checkpoints.</li>
 *   <li>{@link ai.lion.spark.checkpoint.UnsupportedCheckpointFormatException}: a checkpoint an older
 *       version wrote (format 1) is refused, not taken for damaged.</li>
 * </ul>
 *
 * <pre>{@code
 * CheckpointStore store = CheckpointStore.open("hdfs://nn:8020/runs/vit-small", hadoopConf,
 *         RetentionPolicy.keepLast(3).andBest("val_loss", MetricGoal.LOWER_IS_BETTER));
 * store.write(Checkpoint.builder(lionModel, new TrainingCursor(epoch + 1, 0))
 *         .metricsLog(metricLines).score("val_loss", valLoss).build());
 * Optional<CheckpointInfo> latest = store.latestValid();
 * if (latest.isPresent()) {
 *     Checkpoint resumed = store.load(latest.get());  // model with updater, cursor, metrics
 * }
 * }</pre>
 */
package ai.lion.spark.checkpoint;
