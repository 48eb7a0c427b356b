package ai.lion.spark.train;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.LongAccumulator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.spark.api.TrainingHook;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * A training hook that times every minibatch fit on the workers and sums the times in Spark
 * accumulators the driver reads after the split. DL4J's own training statistics would do the same but
 * need an NTP server on every executor; accumulators need nothing.
 */
final class FitTimer implements TrainingHook {

    private static final long serialVersionUID = 1L;

    private final LongAccumulator fitNanos;
    private final LongAccumulator minibatches;
    private transient long started;

    FitTimer(JavaSparkContext sc) {
        fitNanos = sc.sc().longAccumulator("lion fit nanoseconds");
        minibatches = sc.sc().longAccumulator("lion minibatches fit");
    }

    /** Fit time summed over all workers since this timer was made, seconds. */
    double fitSeconds() {
        return fitNanos.value() / 1e9;
    }

    /** Minibatches fit since this timer was made. */
    long minibatches() {
        return minibatches.value();
    }

    @Override
    public void preUpdate(DataSet minibatch, Model model) {
        started = System.nanoTime();
    }

    @Override
    public void postUpdate(DataSet minibatch, Model model) {
        record();
    }

    @Override
    public void preUpdate(MultiDataSet minibatch, Model model) {
        started = System.nanoTime();
    }

    @Override
    public void postUpdate(MultiDataSet minibatch, Model model) {
        record();
    }

    private void record() {
        fitNanos.add(System.nanoTime() - started);
        minibatches.add(1);
    }
}
