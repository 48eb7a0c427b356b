package ai.lion.spark.score;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One graph and the single thread that runs all work on it. ND4J keeps state per calling thread that
 * lives as long as the graph, not the thread: DL4J's workspaces, and in each SameDiff layer one
 * inference session per thread id. Running a graph only on its own thread bounds that state to one
 * thread's worth, whichever threads ask. The thread frees its workspaces when the lane is closed.
 */
final class GraphLane {

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ComputationGraph graph;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(GraphLane::newThread);

    GraphLane(ComputationGraph graph) {
        this.graph = graph;
    }

    /**
     * Runs {@code work} on this lane's thread and waits for it; work of concurrent callers runs one
     * after the other. Exceptions of {@code work} are rethrown as they are.
     *
     * @throws IllegalStateException if the caller is interrupted while waiting (the work still completes
     *                               on the lane) or the lane is closed
     */
    <T> T run(Function<ComputationGraph, T> work) {
        Future<T> result;
        try {
            result = thread.submit(() -> work.apply(graph));
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("the model's graph lane is closed", e);
        }
        try {
            return result.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the model's graph was running", e);
        }
    }

    /** Lets submitted work finish, then ends the thread, which frees its ND4J workspaces. */
    void close() {
        thread.shutdown();
    }

    private static Thread newThread(Runnable worker) {
        Thread thread = new Thread(() -> {
            try {
                worker.run();
            } finally {
                Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
            }
        }, "lion-graph-lane-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }
}
