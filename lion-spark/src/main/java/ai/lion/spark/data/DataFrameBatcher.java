package ai.lion.spark.data;

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

    public DataFrameBatcher(BatchSpec spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
    }

    /** How rows become minibatches. */
    public BatchSpec spec() {
        return spec;
    }

    /**
     * Keeps only the columns the spec reads, shuffles them into {@link ShardPlan#numPartitions()}
     * partitions as {@code plan} says, and batches every partition. MLM masks are seeded by
     * {@link ShardPlan#seed()}.
     *
     * @throws DataSchemaException if a needed column is missing or has the wrong type
     */
    public Minibatches shardAndBatch(Dataset<Row> rows, ShardPlan plan) {
        RowLayout layout = RowLayout.resolve(rows.schema(), spec);
        return batch(plan.shard(project(rows, layout)), layout, plan.seed());
    }

    /**
     * Batches every partition of {@code rows} as it stands, without a shuffle (for evaluation, or
     * data that is already sharded). MLM masks are seeded by {@code seed} and the partition index.
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
                .mapPartitionsWithIndex(new PartitionBatcher(spec, layout, seed, counts), false);
        return new Minibatches(minibatches, counts);
    }

    /** The columns of {@code rows} that {@code layout} reads, in its order. */
    static Dataset<Row> project(Dataset<Row> rows, RowLayout layout) {
        String[] columns = layout.columnNames();
        return rows.select(columns[0], Arrays.copyOfRange(columns, 1, columns.length));
    }
}
