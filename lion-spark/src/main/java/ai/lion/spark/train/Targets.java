package ai.lion.spark.train;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The prediction targets of a minibatch with one label array, by position in batch-major order
 * ({@code b·time + t} for sequence labels {@code [batch, classes, time]}, {@code b} for
 * {@code [batch, classes]}): every position without a label mask, else those where the mask is not zero
 * (for masked-language modelling, the masked tokens).
 */
final class Targets {

    private Targets() {
    }

    /** The positions that are targets, ascending. */
    static int[] positions(MultiDataSet batch) {
        if (batch.numLabelsArrays() != 1) {
            throw new IllegalArgumentException("evaluation supports one output, got " + batch.numLabelsArrays()
                    + " label arrays");
        }
        INDArray labels = batch.getLabels(0);
        int count = Math.toIntExact(labels.size(0) * (labels.rank() == 3 ? labels.size(2) : 1));
        INDArray mask = batch.getLabelsMaskArray(0);
        if (mask == null) {
            return IntStream.range(0, count).toArray();
        }
        double[] weights = mask.ravel().toDoubleVector();
        if (weights.length != count) {
            throw new IllegalArgumentException("label mask " + Arrays.toString(mask.shape()) + " does not match labels "
                    + Arrays.toString(labels.shape()));
        }
        return IntStream.range(0, count).filter(i -> weights[i] != 0).toArray();
    }

    /** The class at every position: the index itself for index labels ({@code [batch, 1(, time)]}), else the arg-max of one-hot labels. */
    static long[] classes(INDArray labels) {
        if (labels.size(1) == 1) {
            return labels.ravel().toLongVector();
        }
        return Nd4j.argMax(labels, 1).ravel().toLongVector();
    }
}
