package ai.lion.spark.score;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * A scoring task that fails after it has already handed rows to the Parquet writer is retried
 * ({@code local[2,2]}: two attempts per task), and the committed output still holds every row once.
 */
class ScoringRetryTest {

    @TempDir
    static Path dir;
    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder().master("local[2,2]").appName(ScoringRetryTest.class.getSimpleName())
                .config("spark.ui.enabled", "false").getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    /**
     * Delegates to the plain path, except that the first attempt of partition 0 fails in its third
     * minibatch, after its first two have been handed on to the writer. Counts every call (one JVM).
     */
    static final class FailsOncePath implements ScoringPath {
        private static final long serialVersionUID = 1L;
        static final AtomicInteger CALLS = new AtomicInteger();
        static final AtomicInteger FIRST_ATTEMPT_CALLS = new AtomicInteger();

        @Override
        public Predictions score(ScoringModel model, MultiDataSet batch, boolean withEmbeddings) {
            CALLS.incrementAndGet();
            TaskContext task = TaskContext.get();
            if (task.partitionId() == 0 && task.attemptNumber() == 0 && FIRST_ATTEMPT_CALLS.incrementAndGet() == 3) {
                throw new IllegalStateException("injected failure in the third minibatch of partition 0");
            }
            return GraphOutputPath.INSTANCE.score(model, batch, withEmbeddings);
        }
    }

    @Test
    void aRetriedTaskLeavesEveryRowExactlyOnceInTheOutput() throws IOException {
        Map<String, int[]> sequences = BatchScorerTest.randomSequences(30, 6, 2);
        List<Row> rows = sequences.entrySet().stream()
                .map(e -> RowFactory.create(e.getKey(), Arrays.stream(e.getValue()).boxed().toList()))
                .toList();
        Dataset<Row> input = spark.createDataFrame(rows, BatchScorerTest.TOKENS).repartition(2);
        Path zip = TinyClassifiers.save(TinyClassifiers.tokens(20, 3, 7), dir.resolve("model.zip"));
        // sequences of 2 or more tokens go through the failing path, one per minibatch
        long throughPath = sequences.values().stream().filter(tokens -> tokens.length > 1).count();
        ScoringOptions options = ScoringOptions.builder(BatchScorerTest.tokenRows().build())
                .longSequenceThreshold(1).longSequencePath(new FailsOncePath()).build();
        String output = dir.resolve("scores").toString();
        FailsOncePath.CALLS.set(0);
        FailsOncePath.FIRST_ATTEMPT_CALLS.set(0);

        ScoringReport report = BatchScorer.forModel(spark, zip.toString(), options).writeParquet(input, output);
        List<String> ids = spark.read().parquet(output).collectAsList().stream().map(r -> r.getString(0)).toList();

        assertEquals(sequences.size(), ids.size(), "rows written");
        assertEquals(sequences.keySet(), Set.copyOf(ids), "every id, each once");
        assertEquals(sequences.size(), report.rowsScored(), "rows counted by successful attempts only");
        assertEquals(3, FailsOncePath.FIRST_ATTEMPT_CALLS.get(), "partition 0's first attempt failed in its third call");
        assertEquals(throughPath + 3, FailsOncePath.CALLS.get(), "the failed attempt's rows were scored again");
    }
}
