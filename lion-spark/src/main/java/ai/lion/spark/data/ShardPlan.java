package ai.lion.spark.data;

import java.io.Serializable;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * How rows are spread over the cluster: {@code workers × partitionsPerWorker} partitions, filled by a
 * shuffle that depends only on the seed and the rows' contents. The same rows and seed therefore
 * give the same partitions in the same order, however the input was split into files or partitions;
 * a new seed (per epoch, say) gives a new arrangement.
 *
 * <p>Each row is keyed by a 64-bit xxHash of the seed and all its columns, hash-partitioned on that
 * key and sorted by it within its partition. Identical rows share a key and so land next to each
 * other; partition sizes are balanced in expectation, not exactly.
 *
 * @param workers             number of executors (or executor cores) that train
 * @param partitionsPerWorker partitions per worker, at least 1
 * @param seed                shuffle seed; also seeds MLM masking
 */
public record ShardPlan(int workers, int partitionsPerWorker, long seed) implements Serializable {

    private static final String SHARD_KEY = "_lion_shard_key";

    public ShardPlan {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        if (partitionsPerWorker < 1) {
            throw new IllegalArgumentException("partitionsPerWorker must be at least 1, got " + partitionsPerWorker);
        }
        if ((long) workers * partitionsPerWorker > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("workers × partitionsPerWorker must fit in an int, got "
                    + workers + " × " + partitionsPerWorker);
        }
    }

    /** The same layout with another seed, e.g. the next epoch's. */
    public ShardPlan withSeed(long newSeed) {
        return new ShardPlan(workers, partitionsPerWorker, newSeed);
    }

    /** {@code workers × partitionsPerWorker}. */
    public int numPartitions() {
        return workers * partitionsPerWorker;
    }

    /** Repartitions {@code rows} into {@link #numPartitions()} partitions in a seeded, deterministic order. */
    public Dataset<Row> shard(Dataset<Row> rows) {
        if (Arrays.asList(rows.columns()).contains(SHARD_KEY)) {
            throw new IllegalArgumentException("column '" + SHARD_KEY + "' is reserved for sharding");
        }
        Column[] hashed = new Column[rows.columns().length + 1];
        hashed[0] = functions.lit(seed);
        for (int i = 0; i < rows.columns().length; i++) {
            hashed[i + 1] = rows.col(rows.columns()[i]);
        }
        return rows.withColumn(SHARD_KEY, functions.xxhash64(hashed))
                .repartition(numPartitions(), functions.col(SHARD_KEY))
                .sortWithinPartitions(SHARD_KEY)
                .drop(SHARD_KEY);
    }
}
