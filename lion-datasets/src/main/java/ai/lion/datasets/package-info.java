/**
 * Prepares real and synthetic datasets as Parquet through Spark, so that the output may live on any
 * Hadoop file system ({@code file://}, {@code hdfs://}, ...).
 *
 * <p>Every dataset is a {@link ai.lion.datasets.DatasetPreparer} found by name in
 * {@link ai.lion.datasets.DatasetPreparers}; it takes the common
 * {@link ai.lion.datasets.PrepareOptions} (output path, overwrite, seed, partitions and
 * dataset-specific string parameters) and returns a {@link ai.lion.datasets.PrepareReport} with the
 * row count and path of each split. All splits are written into a staging directory that is renamed to
 * the output path only once every split is complete.
 *
 * <ul>
 *   <li>{@code fashion-mnist}: Fashion-MNIST from the Debian package {@code dataset-fashion-mnist}
 *       ({@link ai.lion.datasets.IdxReader}, {@link ai.lion.datasets.PatchExtractor}) as rows
 *       {@code id, patches: array<float>, label}.</li>
 *   <li>{@code listops}: the LRA ListOps task, generated
 *       ({@link ai.lion.datasets.ListOpsGenerator}) as rows {@code id, tokens: array<int>, label}.</li>
 *   <li>{@code mlm-text}: English prose (default: the Jargon File, Debian package {@code jargon-text})
 *       tokenised byte by byte ({@link ai.lion.datasets.ByteTokenizer}) as rows
 *       {@code id, tokens: array<int>}.</li>
 * </ul>
 *
 * <p>{@code docs/datasets.md} describes every dataset, its parameters and its row format.
 */
package ai.lion.datasets;
