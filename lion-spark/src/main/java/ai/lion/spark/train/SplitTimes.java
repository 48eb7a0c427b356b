package ai.lion.spark.train;

import java.util.LinkedHashMap;
import java.util.Locale;

/**
 * Where the wall time of an epoch's splits went.
 *
 * <p>Per split the driver broadcasts parameters and updater state and runs one Spark job (DL4J first
 * counts the split's minibatches in a job of its own); in the training job every worker fetches the
 * broadcast, builds its copy of the network, fits its minibatches and returns parameters and updater
 * state for a tree aggregation; the driver then averages. The fit time comes from {@link FitTimer},
 * the task times from Spark's task metrics ({@link TaskTimes}); worker and task figures are per worker
 * and split. {@link #busyWorkers()}, the summed fit time over the wall time, is the number of workers
 * fitting on average: the speed-up over one worker that does nothing but fit.
 */
final class SplitTimes {

    private final int workers;
    private final TaskTimes.Totals tasks = new TaskTimes.Totals();
    private double wallSeconds;
    private double fitSeconds;
    private long minibatches;
    private int splits;

    SplitTimes(int workers) {
        this.workers = workers;
    }

    /** Adds one split: its wall time, the workers' summed fit time and minibatches, and its tasks. */
    void add(double wall, double fit, long fitMinibatches, TaskTimes.Totals splitTasks) {
        wallSeconds += wall;
        fitSeconds += fit;
        minibatches += fitMinibatches;
        tasks.add(splitTasks);
        splits++;
    }

    int splits() {
        return splits;
    }

    /** Workers fitting on average over the splits' wall time (at most the number of workers). */
    double busyWorkers() {
        return wallSeconds == 0 ? 0 : fitSeconds / wallSeconds;
    }

    /** Spark tasks per split: one per worker in the training job plus DL4J's counting job. */
    double tasksPerSplit() {
        return tasks.tasks() / (double) Math.max(1, splits);
    }

    /** Mean fit time of one minibatch on one worker, seconds. */
    double fitPerMinibatch() {
        return fitSeconds / Math.max(1, minibatches);
    }

    /** The breakdown in seconds per split (worker and task parts per worker), in a stable order. */
    LinkedHashMap<String, Double> perSplit() {
        double perWorker = Math.max(1, (long) splits * workers);
        double taskDuration = tasks.durationMs() / 1000.0 / perWorker;
        double taskRun = tasks.runMs() / 1000.0 / perWorker;
        double fit = fitSeconds / perWorker;
        LinkedHashMap<String, Double> parts = new LinkedHashMap<>();
        parts.put("wall", wallSeconds / Math.max(1, splits));
        parts.put("outside_tasks", wallSeconds / Math.max(1, splits) - taskDuration);
        parts.put("task", taskDuration);
        parts.put("task_scheduling_and_result", taskDuration - taskRun - tasks.deserializeMs() / 1000.0 / perWorker);
        parts.put("task_deserialize", tasks.deserializeMs() / 1000.0 / perWorker);
        parts.put("task_run", taskRun);
        parts.put("fit", fit);
        parts.put("task_run_besides_fit", taskRun - fit);
        parts.put("result_serialize", tasks.resultSerializeMs() / 1000.0 / perWorker);
        parts.put("gc", tasks.gcMs() / 1000.0 / perWorker);
        return parts;
    }

    /** One line for the progress log. */
    String describe() {
        LinkedHashMap<String, Double> parts = perSplit();
        return String.format(Locale.ROOT,
                "%.2f s per split = %.2f s outside tasks (broadcast, averaging, scheduling) + %.2f s per worker"
                        + " task (%.2f s fitting %d minibatches at %.0f ms, %.2f s set-up and data, %.2f s"
                        + " deserializing, %.2f s scheduling and result; GC %.2f s); %.2f of %d workers fitting on"
                        + " average",
                parts.get("wall"), parts.get("outside_tasks"), parts.get("task"), parts.get("fit"),
                Math.round(minibatches / Math.max(1.0, (double) splits * workers)), fitPerMinibatch() * 1000,
                parts.get("task_run_besides_fit"), parts.get("task_deserialize"),
                parts.get("task_scheduling_and_result"), parts.get("gc"), busyWorkers(), workers);
    }
}
