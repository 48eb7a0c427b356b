/**
 * Pictures and summaries of a training run, for people and for tools.
 *
 * <ul>
 *   <li>{@link ai.lion.spark.report.EpochHistory}: the per-epoch metrics of a run, read from the JSON
 *       lines of the metrics log the trainer writes beside its checkpoints (restarts taken into account).</li>
 *   <li>{@link ai.lion.spark.report.LineChart}: one chart as inline SVG.</li>
 *   <li>{@link ai.lion.spark.report.TrainingChart}: the self-contained HTML page (loss and validation
 *       accuracy per epoch) written next to the checkpoints on any Hadoop file system.</li>
 *   <li>{@link ai.lion.spark.report.EvaluationSummary}: loss and accuracy of a checkpoint on a split, as
 *       a line and as JSON.</li>
 *   <li>{@link ai.lion.spark.report.ReportFiles}: writes a report file atomically (temporary file + rename).</li>
 * </ul>
 */
package ai.lion.spark.report;
