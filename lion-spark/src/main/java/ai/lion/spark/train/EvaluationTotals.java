package ai.lion.spark.train;

import java.io.Serializable;
import java.util.Arrays;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Running sums of one evaluation: cross-entropy, prediction targets, correct arg-max predictions and
 * examples.
 * Each executor fills one per partition; the driver adds them up.
 */
final class EvaluationTotals implements Serializable {

    private static final long serialVersionUID = 1L;
    /** Probabilities are clipped here before the log, as DL4J's cross-entropy losses clip the softmax. */
    private static final double MIN_PROBABILITY = 1e-10;

    private double lossSum;
    private long targets;
    private long correct;
    private long examples;

    /** Adds one minibatch (single softmax output) as predicted by {@code network}, in one forward pass. */
    void add(ComputationGraph network, MultiDataSet batch) {
        if (batch.numLabelsArrays() != 1) {
            throw new IllegalArgumentException("evaluation supports one output, got " + batch.numLabelsArrays()
                    + " label arrays");
        }
        INDArray output = network.output(false, batch.getFeatures(), batch.getFeaturesMaskArrays(),
                batch.getLabelsMaskArrays())[0];
        INDArray probabilities = perTarget(output);
        long[] predicted = Nd4j.argMax(probabilities, 1).toLongVector();
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
                lossSum -= Math.log(Math.max(probabilities.getDouble(i, actual[i]), MIN_PROBABILITY));
                if (predicted[i] == actual[i]) {
                    correct++;
                }
            }
        }
        examples += batch.getFeatures(0).size(0);
    }

    /** One row of class probabilities per target: {@code [batch, classes]}, or {@code [batch·time, classes]} (batch-major). */
    private static INDArray perTarget(INDArray output) {
        if (output.rank() == 2) {
            return output;
        }
        return output.permute(0, 2, 1).dup('c').reshape(output.size(0) * output.size(2), output.size(1));
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
