package ai.lion.spark.train;

import java.io.Serializable;
import java.util.Collections;
import java.util.Iterator;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Evaluates a network on an RDD of minibatches in one Spark job: the network is broadcast, rebuilt
 * once per partition on the executors, and the per-partition sums are added up on the driver.
 *
 * <p>The network has one output, a softmax over classes. The loss is the cross-entropy
 * {@code -log p(label)} (the loss the LION models train with, without regularisation), averaged over
 * the prediction targets: examples for classification, selected positions (label-mask ones) for
 * masked-language modelling. Accuracy compares the arg-max of the output over its class dimension with
 * the label (one-hot or class index) at every target. Both come from one forward pass per minibatch.
 * The {@link FrequencyBaseline} is scored with the same definitions.
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
        requireSoftmaxOutput(network);
        Broadcast<NetworkSnapshot> snapshot = sc.broadcast(
                new NetworkSnapshot(network.getConfiguration().clone(), network.params().dup()));
        try {
            return total(minibatches, batches -> {
                ComputationGraph replica = snapshot.value().restore();
                EvaluationTotals totals = new EvaluationTotals();
                batches.forEachRemaining(batch -> totals.add(replica, batch));
                return Collections.singletonList(totals).iterator();
            });
        } finally {
            snapshot.destroy();
        }
    }

    /**
     * Loss and accuracy of {@code baseline} on {@code minibatches}, per prediction target as for a network.
     *
     * @throws IllegalArgumentException if the minibatches hold no prediction targets
     */
    public static EvaluationResult evaluate(FrequencyBaseline baseline, JavaRDD<MultiDataSet> minibatches) {
        return total(minibatches, batches -> {
            EvaluationTotals totals = new EvaluationTotals();
            batches.forEachRemaining(batch -> totals.add(baseline, batch));
            return Collections.singletonList(totals).iterator();
        });
    }

    private static EvaluationResult total(JavaRDD<MultiDataSet> minibatches,
                                          FlatMapFunction<Iterator<MultiDataSet>, EvaluationTotals> perPartition) {
        return minibatches.mapPartitions(perPartition).fold(new EvaluationTotals(), EvaluationTotals::plus).result();
    }

    private static void requireSoftmaxOutput(ComputationGraph network) {
        if (network.getNumOutputArrays() != 1) {
            throw new IllegalArgumentException("evaluation supports networks with one output, this one has "
                    + network.getNumOutputArrays());
        }
        Layer output = network.getOutputLayer(0).conf().getLayer();
        if (!(output instanceof BaseOutputLayer layer && layer.getActivationFn() instanceof ActivationSoftmax)) {
            throw new IllegalArgumentException("evaluation needs a softmax output layer, the output layer '"
                    + output.getLayerName() + "' is " + output);
        }
    }

    /** What executors need to rebuild the network. */
    private record NetworkSnapshot(ComputationGraphConfiguration configuration, INDArray parameters)
            implements Serializable {

        ComputationGraph restore() {
            ComputationGraph replica = new ComputationGraph(configuration.clone());
            replica.init(parameters, true);
            return replica;
        }
    }
}
