package ai.lion.spark.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Seeded, deterministic sharding of DataFrames on a real local[2] Spark. */
class ShardPlanTest {

    private static final int ROWS = 1000;
    private static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.LongType)
            .add("tokens", DataTypes.createArrayType(DataTypes.IntegerType));

    private static SparkSession spark;
    private static Dataset<Row> rows;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.start(ShardPlanTest.class);
        List<Row> data = new ArrayList<>();
        for (long id = 0; id < ROWS; id++) {
            data.add(RowFactory.create(id, List.of((int) (id % 7), (int) (id % 11))));
        }
        rows = spark.createDataFrame(data, SCHEMA);
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    /** The ids in each partition, in order. */
    private static List<List<Long>> idsByPartition(Dataset<Row> sharded) {
        return sharded.javaRDD().glom().collect().stream()
                .map(partition -> partition.stream().map(row -> row.getLong(0)).collect(Collectors.toList()))
                .collect(Collectors.toList());
    }

    @Test
    void shardingGivesTheRequestedPartitionsAndEveryRowExactlyOnce() {
        List<List<Long>> partitions = idsByPartition(new ShardPlan(3, 2, 5L).shard(rows));

        assertEquals(6, partitions.size());
        List<Long> ids = partitions.stream().flatMap(List::stream).sorted().collect(Collectors.toList());
        assertEquals(LongStream.range(0, ROWS).boxed().collect(Collectors.toList()), ids);
        for (List<Long> partition : partitions) {
            assertTrue(partition.size() > ROWS / 6 / 2, "partition sizes are balanced: " + partition.size());
        }
    }

    @Test
    void theSameSeedGivesTheSameShardsWhateverTheInputPartitioning() {
        ShardPlan plan = new ShardPlan(2, 2, 9L);

        List<List<Long>> fromOne = idsByPartition(plan.shard(rows.coalesce(1)));
        List<List<Long>> fromFive = idsByPartition(plan.shard(rows.repartition(5)));

        assertEquals(fromOne, fromFive);
    }

    @Test
    void anotherSeedGivesAnotherArrangement() {
        ShardPlan plan = new ShardPlan(2, 2, 9L);

        assertNotEquals(idsByPartition(plan.shard(rows)), idsByPartition(plan.withSeed(10L).shard(rows)));
    }

    @Test
    void theShardKeyColumnIsReserved() {
        Dataset<Row> clash = rows.withColumn("_lion_shard_key", rows.col("id"));

        assertEquals("column '_lion_shard_key' is reserved for sharding",
                assertThrows(IllegalArgumentException.class, () -> new ShardPlan(1, 1, 0L).shard(clash)).getMessage());
    }

    @Test
    void planArgumentsAreChecked() {
        assertEquals("workers must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> new ShardPlan(0, 2, 1L)).getMessage());
        assertEquals("partitionsPerWorker must be at least 1, got -1",
                assertThrows(IllegalArgumentException.class, () -> new ShardPlan(2, -1, 1L)).getMessage());
        assertEquals("workers × partitionsPerWorker must fit in an int, got 65536 × 65536",
                assertThrows(IllegalArgumentException.class, () -> new ShardPlan(1 << 16, 1 << 16, 1L)).getMessage());
        assertEquals(12, new ShardPlan(4, 3, 1L).numPartitions());
    }
}
