package ai.lion.spark.data;

import ai.lion.core.models.PatchInput;
import java.util.Arrays;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Turns a DataFrame of training rows into an RDD of padded minibatches, built partition by partition
 * on the executors ({@code mapPartitions}), never on the driver.
 *
 * <pre>{@code
 * Dataset<Row> rows = ParquetSource.read(spark, "hdfs:///data/train");
 * Minibatches batches = new DataFrameBatcher(spec).shardAndBatch(rows, new ShardPlan(4, 2, epochSeed));
 * sparkGraph.fitMultiDataSet(batches.rdd());
 * log.info("{}", batches.rowCounts());
 * }</pre>
 *
 * <p>The schema is checked when these methods are called; rows are checked as the minibatches are
 * computed.
 */
public final class DataFrameBatcher {

    private final BatchSpec spec;
    private final PatchAugmenter augmenter;

    /** A batcher that reads the rows as they are. */
    public DataFrameBatcher(BatchSpec spec) {
        this(Objects.requireNonNull(spec, "spec"), null);
    }

    private DataFrameBatcher(BatchSpec spec, PatchAugmenter augmenter) {
        this.spec = spec;
        this.augmenter = augmenter;
    }

    /**
     * A batcher whose minibatches hold the images of {@code image} changed as {@code augmentation} says,
     * drawn afresh per example from the seed of each call and the partition (for training only).
     *
     * @throws IllegalArgumentException if the rows are not patches of {@code image}, or the shift is not
     *                                  smaller than the image
     */
    public DataFrameBatcher augmenting(ImageAugmentation augmentation, PatchInput image) {
        Objects.requireNonNull(augmentation, "augmentation");
        Objects.requireNonNull(image, "image");
        if (spec.kind() != InputKind.PATCHES || spec.patchDim() != image.patchDim()
                || spec.maxLength() != image.numPatches()) {
            throw new IllegalArgumentException("image augmentation needs rows of the " + image.numPatches()
                    + " patches of " + image.patchDim() + " values that " + image + " makes, not " + spec);
        }
        return new DataFrameBatcher(spec, augmentation.isNone() ? null : new PatchAugmenter(augmentation, image));
    }

    /** How rows become minibatches. */
    public BatchSpec spec() {
        return spec;
    }

    /**
     * Keeps only the columns the spec reads, shuffles them into {@link ShardPlan#numPartitions()}
     * partitions as {@code plan} says, and batches every partition. MLM masks and image augmentation
     * are seeded by {@link ShardPlan#seed()} and the partition index.
     *
     * @throws DataSchemaException if a needed column is missing or has the wrong type
     */
    public Minibatches shardAndBatch(Dataset<Row> rows, ShardPlan plan) {
        RowLayout layout = RowLayout.resolve(rows.schema(), spec);
        return batch(plan.shard(project(rows, layout)), layout, plan.seed());
    }

    /**
     * Batches every partition of {@code rows} as it stands, without a shuffle (for evaluation, or
     * data that is already sharded). MLM masks and image augmentation are seeded by {@code seed} and the
     * partition index.
     *
     * @throws DataSchemaException if a needed column is missing or has the wrong type
     */
    public Minibatches batch(Dataset<Row> rows, long seed) {
        RowLayout layout = RowLayout.resolve(rows.schema(), spec);
        return batch(project(rows, layout), layout, seed);
    }

    private Minibatches batch(Dataset<Row> projected, RowLayout layout, long seed) {
        RowCounts counts = RowCounts.register(projected.sparkSession().sparkContext());
        JavaRDD<MultiDataSet> minibatches = projected.javaRDD()
                .mapPartitionsWithIndex(new PartitionBatcher(spec, layout, augmenter, seed, counts), false);
        return new Minibatches(minibatches, counts);
    }

    /** The columns of {@code rows} that {@code layout} reads, in its order. */
    static Dataset<Row> project(Dataset<Row> rows, RowLayout layout) {
        String[] columns = layout.columnNames();
        return rows.select(columns[0], Arrays.copyOfRange(columns, 1, columns.length));
    }
}
