/**
 * Batch scoring of sequence DataFrames with a trained classifier, on the executors.
 *
 * <h2>Flow</h2>
 * On the driver, {@link ai.lion.spark.score.BatchScorer} resolves the model
 * ({@link ai.lion.spark.score.StoredModel}: a {@link ai.lion.core.models.LionModel} file or a checkpoint
 * of a {@link ai.lion.spark.checkpoint.CheckpointStore} on any Hadoop file system;
 * {@link ai.lion.spark.score.BroadcastModel}: a model in the driver's memory), takes the model's
 * {@code LionConfig} from it, derives the rows' {@link ai.lion.spark.data.BatchSpec} from that config and
 * the user's {@link ai.lion.spark.data.DataSettings}, and checks the input schema and the output
 * columns, so that these problems fail before any Spark job. Nothing but the data settings describes
 * the rows: the model file says what it reads. On each executor the model is loaded once per JVM
 * ({@link ai.lion.spark.score.ModelCache}) and shared by the tasks
 * ({@link ai.lion.spark.score.ScoringModel}); every partition is streamed through it in minibatches
 * built by {@link ai.lion.spark.data.SequenceReader}, with the data package's row checks and
 * bad-row policy. An executor's native memory is one set of ND4J workspaces per concurrently running
 * task; it grows neither with the rows nor with the tasks run (each graph replica runs on a thread
 * of its own, see {@link ai.lion.spark.score.ScoringModel}).
 *
 * <h2>Outputs</h2>
 * Per row: the predicted class ({@code int}), the softmax probabilities ({@code array<float>}) and
 * optionally the pooled embedding ({@code array<float>}): the activations of the classifier's pooling
 * vertex ({@code LionModels.POOLED}). {@link ai.lion.spark.score.BatchScorer#writeParquet} writes them with the row's id
 * through Spark's DataFrame writer and reports rows read, scored, skipped and rows per second
 * ({@link ai.lion.spark.score.ScoringReport}); progress is logged while it runs.
 *
 * <h2>Long sequences</h2>
 * Sequences longer than {@link ai.lion.spark.score.ScoringOptions#longSequenceThreshold()} are scored
 * one at a time by a pluggable {@link ai.lion.spark.score.ScoringPath}, chosen per attention form by
 * {@link ai.lion.spark.score.LongSequencePaths}: the plain graph for ATTENTION, and for CHUNK and RNN
 * the {@code ai.lion.core.inference} encoder, which runs the model's weights with memory linear in the
 * sequence length.
 */
package ai.lion.spark.score;
