package ai.lion.spark.train;

import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.TaskInfo;

/**
 * Spark's own metrics of the tasks that ended since the last {@link #drain()}. Events reach the
 * listener asynchronously, so one split's figures may include a task of its neighbour.
 */
final class TaskTimes extends SparkListener {

    private Totals pending = new Totals();

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd taskEnd) {
        TaskMetrics metrics = taskEnd.taskMetrics();
        TaskInfo info = taskEnd.taskInfo();
        if (metrics == null || info == null) {
            return;
        }
        pending.tasks++;
        pending.durationMs += info.duration();
        pending.runMs += metrics.executorRunTime();
        pending.deserializeMs += metrics.executorDeserializeTime();
        pending.resultSerializeMs += metrics.resultSerializationTime();
        pending.gcMs += metrics.jvmGCTime();
    }

    /** The totals since the last call, and a fresh start. */
    synchronized Totals drain() {
        Totals drained = pending;
        pending = new Totals();
        return drained;
    }

    /** Summed task metrics, milliseconds. */
    static final class Totals {
        private long tasks;
        private long durationMs;
        private long runMs;
        private long deserializeMs;
        private long resultSerializeMs;
        private long gcMs;

        void add(Totals other) {
            tasks += other.tasks;
            durationMs += other.durationMs;
            runMs += other.runMs;
            deserializeMs += other.deserializeMs;
            resultSerializeMs += other.resultSerializeMs;
            gcMs += other.gcMs;
        }

        long tasks() {
            return tasks;
        }

        /** Launch to end as the driver saw it, including scheduling and fetching the result. */
        long durationMs() {
            return durationMs;
        }

        /** Running on the executor, after deserializing the task. */
        long runMs() {
            return runMs;
        }

        long deserializeMs() {
            return deserializeMs;
        }

        long resultSerializeMs() {
            return resultSerializeMs;
        }

        long gcMs() {
            return gcMs;
        }
    }
}
