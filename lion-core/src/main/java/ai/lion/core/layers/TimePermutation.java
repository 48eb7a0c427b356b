package ai.lion.core.layers;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reorders the time axis of per-head tensors by a fixed permutation: {@code y[r, p] = x[r, order[p]]}.
 *
 * <p>Implemented as a product with a constant 0/1 matrix, which is exact in floating point and
 * differentiates reliably (ND4J 1.0.0-M2.1's {@code gather} gradient cannot appear twice in a graph).
 */
final class TimePermutation {

    private final SameDiff sd;
    private final int length;
    /** {@code [T, T]} with {@code [t][p] = 1} iff {@code t == order[p]}: right-multiplying a row gathers. */
    private final SDVariable selector;

    TimePermutation(SameDiff sd, int[] order, DataType dataType) {
        this.sd = sd;
        this.length = order.length;
        INDArray m = Nd4j.zeros(dataType, length, length);
        for (int p = 0; p < length; p++) {
            m.putScalar(order[p], p, 1.0);
        }
        this.selector = sd.constant(m);
    }

    /** {@code [R, T] -> [R, T]}. */
    SDVariable rows(SDVariable x) {
        return x.mmul(selector);
    }

    /** {@code [R, T, width] -> [R, T, width]}. */
    SDVariable sequences(SDVariable x, long width) {
        SDVariable byTime = sd.reshape(sd.permute(x, 0, 2, 1), -1, length);
        return sd.permute(sd.reshape(byTime.mmul(selector), -1, width, length), 0, 2, 1);
    }
}
