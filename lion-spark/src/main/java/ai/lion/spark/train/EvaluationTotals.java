package ai.lion.spark.train;

import java.io.Serializable;
import java.util.Arrays;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Running sums of one evaluation of a network or of the {@link FrequencyBaseline}: cross-entropy,
 * prediction targets ({@link Targets}), correct predictions and examples.
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
        int[] positions = Targets.positions(batch);
        INDArray output = network.output(false, batch.getFeatures(), batch.getFeaturesMaskArrays(),
                batch.getLabelsMaskArrays())[0];
        INDArray probabilities = perTarget(output);
        long[] predicted = Nd4j.argMax(probabilities, 1).toLongVector();
        long[] actual = Targets.classes(batch.getLabels(0));
        if (predicted.length != actual.length) {
            throw new IllegalArgumentException("output " + Arrays.toString(output.shape())
                    + " does not match labels " + Arrays.toString(batch.getLabels(0).shape()));
        }
        for (int i : positions) {
            addTarget(probabilities.getDouble(i, actual[i]), predicted[i] == actual[i]);
        }
        examples += batch.getFeatures(0).size(0);
    }

    /** Adds one minibatch as {@code baseline} predicts it: every target with the same training frequencies. */
    void add(FrequencyBaseline baseline, MultiDataSet batch) {
        long[] actual = Targets.classes(batch.getLabels(0));
        for (int i : Targets.positions(batch)) {
            int target = Math.toIntExact(actual[i]);
            addTarget(baseline.probability(target), target == baseline.mostFrequent());
        }
        examples += batch.getFeatures(0).size(0);
    }

    /** One target whose label had predicted probability {@code probability}; {@code right} if the arg-max was the label. */
    private void addTarget(double probability, boolean right) {
        targets++;
        lossSum -= Math.log(Math.max(probability, MIN_PROBABILITY));
        if (right) {
            correct++;
        }
    }

    /** One row of class probabilities per target: {@code [batch, classes]}, or {@code [batch·time, classes]} (batch-major). */
    private static INDArray perTarget(INDArray output) {
        if (output.rank() == 2) {
            return output;
        }
        return output.permute(0, 2, 1).dup('c').reshape(output.size(0) * output.size(2), output.size(1));
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
