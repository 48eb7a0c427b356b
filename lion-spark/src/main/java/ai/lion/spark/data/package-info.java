/**
 * Training data on Spark: DataFrame rows (usually read from Parquet) to padded DL4J minibatches with
 * feature and label masks, built per partition on the executors. No LION math lives here.
 *
 * <h2>Row schemas</h2>
 * <table>
 *   <caption>Columns per {@link ai.lion.spark.data.InputKind} (names are the defaults)</caption>
 *   <tr><th>kind</th><th>columns</th></tr>
 *   <tr><td>TOKENS</td><td>{@code tokens: array<int>}, {@code label: int}, optional {@code id}</td></tr>
 *   <tr><td>PATCHES</td><td>{@code patches: array<float>} ([numPatches × patchDim] row-major),
 *       {@code label: int}, optional {@code id}</td></tr>
 *   <tr><td>MLM</td><td>{@code tokens: array<int>}, optional {@code id}; masking happens in the batcher</td></tr>
 * </table>
 * {@code id} may be string, int or bigint and only serves to name bad rows. A
 * {@code _source_file: string} column, added by {@link ai.lion.spark.data.ParquetSource#read}, names
 * the file of a bad row. Other columns are ignored. Token ids must lie in [0, vocabularySize),
 * labels in [0, numClasses), patch values must be finite and a patches array's length must be a
 * multiple of patchDim; sequences may not be empty or longer than maxLength (unless truncation is on).
 *
 * <h2>Minibatches</h2>
 * One {@link org.nd4j.linalg.dataset.api.MultiDataSet} per minibatch (one input, one output), float32,
 * NCW, {@code time} = the longest sequence in the minibatch, shorter sequences right-padded:
 * <ul>
 *   <li>features {@code [batch, 1, time]} token ids as floats (padding = padId), or
 *       {@code [batch, patchDim, time]} patch vectors (padding = 0);</li>
 *   <li>feature mask {@code [batch, time]}: 1 = real step, 0 = padding;</li>
 *   <li>classification labels {@code [batch, numClasses]} one-hot (no label mask);</li>
 *   <li>MLM labels {@code [batch, vocabularySize, time]} one-hot with label mask {@code [batch, time]}
 *       that is 1 only at the selected steps.</li>
 * </ul>
 * {@link ai.lion.spark.data.LabelEncoding#INDEX} replaces one-hot labels by class/token indices
 * ({@code [batch, 1]} / {@code [batch, 1, time]}) for DL4J's sparse cross-entropy.
 *
 * <h2>Entry points</h2>
 * {@link ai.lion.spark.data.BatchSpec} describes rows and minibatches;
 * {@link ai.lion.spark.data.DataFrameBatcher} checks the schema, shards the rows as a
 * {@link ai.lion.spark.data.ShardPlan} says and returns {@link ai.lion.spark.data.Minibatches}: the
 * RDD and the {@link ai.lion.spark.data.RowCounts} of rows read and skipped. Bad rows fail the job
 * with a {@link ai.lion.spark.data.BadRowException} or are skipped and counted, per
 * {@link ai.lion.spark.data.BadRowPolicy}. {@link ai.lion.spark.data.DataFrameBatcher#augmenting} shifts and
 * mirrors training images as an {@link ai.lion.spark.data.ImageAugmentation} says, drawn per example from the
 * batching seed and the partition. {@link ai.lion.spark.data.SequenceReader} reads unlabelled
 * rows one at a time for inference, with the same checks. The full description is
 * {@code docs/data-schemas.md}.
 */
package ai.lion.spark.data;
