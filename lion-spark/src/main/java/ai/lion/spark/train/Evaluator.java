package ai.lion.spark.train;

import java.io.Serializable;
import java.util.Collections;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Evaluates a network on an RDD of minibatches in one Spark job: the network is broadcast, rebuilt
 * once per partition on the executors, and the per-partition sums are added up on the driver.
 *
 * <p>The loss is DL4J's loss of the output layer without regularisation, summed over examples and
 * divided by the number of prediction targets: examples for classification, selected positions
 * (label-mask ones) for masked-language modelling. Accuracy compares the arg-max of the output over
 * its class dimension with the label (one-hot or class index) at every target. Networks with one
 * output only.
 */
public final class Evaluator {

    private Evaluator() {
    }

    /**
     * Loss and accuracy of {@code network} on {@code minibatches}.
     *
     * @throws IllegalArgumentException if the minibatches hold no prediction targets
     */
    public static EvaluationResult evaluate(JavaSparkContext sc, ComputationGraph network,
                                            JavaRDD<MultiDataSet> minibatches) {
        Broadcast<NetworkSnapshot> snapshot = sc.broadcast(
                new NetworkSnapshot(network.getConfiguration().clone(), network.params().dup()));
        try {
            return minibatches.mapPartitions(batches -> {
                ComputationGraph replica = snapshot.value().restore();
                EvaluationTotals totals = new EvaluationTotals();
                batches.forEachRemaining(batch -> totals.add(replica, batch));
                return Collections.singletonList(totals).iterator();
            }).fold(new EvaluationTotals(), EvaluationTotals::plus).result();
        } finally {
            snapshot.destroy();
        }
    }

    /** What executors need to rebuild the network. */
    private record NetworkSnapshot(ComputationGraphConfiguration configuration, INDArray parameters)
            implements Serializable {

        /**
         * A replica without workspaces: DL4J 1.0.0-M2.1's {@code scoreExamples} fails with "Cannot detach
         * INDArray: Array uses leaked workspace pointer" when workspaces are on.
         */
        ComputationGraph restore() {
            ComputationGraphConfiguration copy = configuration.clone();
            copy.setTrainingWorkspaceMode(WorkspaceMode.NONE);
            copy.setInferenceWorkspaceMode(WorkspaceMode.NONE);
            ComputationGraph replica = new ComputationGraph(copy);
            replica.init(parameters, true);
            return replica;
        }
    }
}
