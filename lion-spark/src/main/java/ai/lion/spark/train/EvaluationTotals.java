package ai.lion.spark.train;

import java.io.Serializable;
import java.util.Arrays;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Running sums of one evaluation: loss, prediction targets, correct arg-max predictions and examples.
 * Each executor fills one per partition; the driver adds them up.
 */
final class EvaluationTotals implements Serializable {

    private static final long serialVersionUID = 1L;

    private double lossSum;
    private long targets;
    private long correct;
    private long examples;

    /** Adds one minibatch (single output) as scored by {@code network}. */
    void add(ComputationGraph network, MultiDataSet batch) {
        if (batch.numLabelsArrays() != 1) {
            throw new IllegalArgumentException("evaluation supports one output, got " + batch.numLabelsArrays()
                    + " label arrays");
        }
        lossSum += network.scoreExamples(batch, false).sumNumber().doubleValue();
        INDArray output = network.output(false, batch.getFeatures(), batch.getFeaturesMaskArrays(),
                batch.getLabelsMaskArrays())[0];
        long[] predicted = Nd4j.argMax(output, 1).ravel().toLongVector();
        long[] actual = classesOf(batch.getLabels(0));
        if (predicted.length != actual.length) {
            throw new IllegalArgumentException("output " + Arrays.toString(output.shape())
                    + " does not match labels " + Arrays.toString(batch.getLabels(0).shape()));
        }
        INDArray mask = batch.getLabelsMaskArray(0);
        double[] weights = mask == null ? null : mask.ravel().toDoubleVector();
        for (int i = 0; i < predicted.length; i++) {
            if (weights == null || weights[i] != 0) {
                targets++;
                if (predicted[i] == actual[i]) {
                    correct++;
                }
            }
        }
        examples += batch.getFeatures(0).size(0);
    }

    /** Class per target: the index itself for index labels ({@code [batch, 1(, time)]}), else the arg-max of one-hot labels. */
    private static long[] classesOf(INDArray labels) {
        if (labels.size(1) == 1) {
            return labels.ravel().toLongVector();
        }
        return Nd4j.argMax(labels, 1).ravel().toLongVector();
    }

    /** The sums of this and {@code other} (a new object). */
    EvaluationTotals plus(EvaluationTotals other) {
        EvaluationTotals sum = new EvaluationTotals();
        sum.lossSum = lossSum + other.lossSum;
        sum.targets = targets + other.targets;
        sum.correct = correct + other.correct;
        sum.examples = examples + other.examples;
        return sum;
    }

    /**
     * The per-target loss and accuracy.
     *
     * @throws IllegalArgumentException if there was nothing to evaluate
     */
    EvaluationResult result() {
        if (targets == 0) {
            throw new IllegalArgumentException("the evaluation data has no prediction targets (" + examples
                    + " examples)");
        }
        return new EvaluationResult(lossSum / targets, (double) correct / targets, targets, examples);
    }
}
