/**
 * Pictures of a training run, built from the metrics log the trainer writes beside its checkpoints.
 *
 * <ul>
 *   <li>{@link ai.lion.spark.report.EpochHistory}: the per-epoch metrics of a run, read from its JSON
 *       lines (restarts taken into account).</li>
 *   <li>{@link ai.lion.spark.report.LineChart}: one chart as inline SVG.</li>
 *   <li>{@link ai.lion.spark.report.TrainingChart}: the self-contained HTML page (loss and validation
 *       accuracy per epoch) written next to the checkpoints on any Hadoop file system.</li>
 * </ul>
 */
package ai.lion.spark.report;
