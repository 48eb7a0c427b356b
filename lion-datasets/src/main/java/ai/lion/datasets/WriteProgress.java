package ai.lion.datasets;

import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Logs the progress of a Parquet write (rows written so far and rows per second), at most every
 * {@link #LOG_INTERVAL_NANOS}, from the output metrics of finished Spark tasks.
 */
final class WriteProgress extends SparkListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WriteProgress.class);
    private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final SparkContext context;
    private final String what;
    private final long expectedRows;
    private final long start = System.nanoTime();
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong lastLog = new AtomicLong(start);

    WriteProgress(SparkContext context, String what, long expectedRows) {
        this.context = context;
        this.what = what;
        this.expectedRows = expectedRows;
        context.addSparkListener(this);
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
        if (taskEnd.taskMetrics() == null) {
            return;
        }
        long total = rows.addAndGet(taskEnd.taskMetrics().outputMetrics().recordsWritten());
        long now = System.nanoTime();
        long previous = lastLog.get();
        if (now - previous >= LOG_INTERVAL_NANOS && lastLog.compareAndSet(previous, now)) {
            LOG.info("{}: {} of {} rows written ({})", what, total, expectedRows, rate(total, now));
        }
    }

    /** Logs the final count and rate once the write is known to have produced {@code writtenRows}. */
    void finished(long writtenRows) {
        LOG.info("{}: wrote {} rows ({})", what, writtenRows, rate(writtenRows, System.nanoTime()));
    }

    @Override
    public void close() {
        context.removeSparkListener(this);
    }

    private String rate(long count, long now) {
        double seconds = Math.max(1e-9, (now - start) / 1e9);
        return String.format(Locale.ROOT, "%.1f s, %.0f rows/s", seconds, count / seconds);
    }
}
