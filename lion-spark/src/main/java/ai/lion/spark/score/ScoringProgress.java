package ai.lion.spark.score;

import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkContext;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rows scored so far, counted by the executors in a Spark accumulator ({@code lion.score.rows}) and
 * read on the driver. The driver sees a task's count when the task finishes, so progress advances
 * partition by partition. Like every accumulator updated in a transformation, evaluating the scored
 * rows again (or re-running a lost stage) adds to the count again.
 */
public final class ScoringProgress implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ScoringProgress.class);

    private final LongAccumulator rows;

    private ScoringProgress(LongAccumulator rows) {
        this.rows = rows;
    }

    /** Registers the accumulator with {@code context} (on the driver). */
    static ScoringProgress register(SparkContext context) {
        return new ScoringProgress(context.longAccumulator("lion.score.rows"));
    }

    void record(long scored) {
        rows.add(scored);
    }

    /** Rows scored by the finished tasks. */
    public long rowsScored() {
        return rows.value();
    }

    /**
     * Starts logging the rows scored and the rate every {@code interval} on the driver, until the
     * returned reporter is closed, which logs the final count.
     */
    public Reporter startReporting(String what, Duration interval) {
        return new Reporter(what, interval);
    }

    /** Logs progress periodically while open. */
    public final class Reporter implements AutoCloseable {

        private final String what;
        private final long started = System.nanoTime();
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "lion-scoring-progress");
            thread.setDaemon(true);
            return thread;
        });

        private Reporter(String what, Duration interval) {
            this.what = what;
            timer.scheduleAtFixedRate(() -> LOG.info("{}: {}", what, summary()), interval.toMillis(),
                    interval.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** Seconds since the reporter started. */
        public double elapsedSeconds() {
            return (System.nanoTime() - started) / 1e9;
        }

        private String summary() {
            long scored = rowsScored();
            return String.format("%,d rows scored in %.1f s (%,.0f rows/s)", scored, elapsedSeconds(),
                    scored / Math.max(elapsedSeconds(), 1e-9));
        }

        @Override
        public void close() {
            timer.shutdownNow();
            LOG.info("{} finished: {}", what, summary());
        }
    }
}
