package ai.lion.core.attention;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Diagonal blocks of the LION mask, built in log space from prefix-sum differences so that every
 * exponent is {@code <= 0} (no cumulative products, hence no 0/0 for strong decays).
 *
 * <p>With exclusive prefix sums {@code P} of the log decays over a block of m positions,
 * {@code log M[i][j] = P[i] - P[j]} for {@code i >= j} and {@code P[j+1] - P[i+1]} for {@code i <= j}.
 * Each of the two expressions is {@code <= 0} on its own triangle and {@code >= 0} on the other, so
 * their element-wise minimum is {@code log M} everywhere without triangular index masks.
 */
final class DecayMask {

    private DecayMask() {
    }

    /**
     * The mask block [N, m, m] in {@code dataType}.
     *
     * @param prefix [N, m + 1] float64 prefix sums of the log decays over the block (any origin):
     *               {@code prefix[n][t+1] - prefix[n][t] = log a_t}
     */
    static INDArray block(INDArray prefix, DataType dataType) {
        long m = prefix.size(1) - 1;
        INDArray logMask = differences(prefix.get(all(), interval(0, m)), dataType);
        INDArray backward = differences(prefix.get(all(), interval(1, m + 1)).neg(), dataType);
        Transforms.min(logMask, backward, false);
        BatchOps.release(backward);
        return Transforms.exp(logMask, false);
    }

    /**
     * {@code D[n][i][j] = x[n][i] - x[n][j]} in {@code dataType}, from float64 {@code x}. For float32 the
     * prefix sums are split into a float32 part and its float32 remainder; the difference of the parts
     * is exact up to the rounding of the result, so nearby positions keep full accuracy even when the
     * sums themselves are large (float32 cancellation).
     */
    private static INDArray differences(INDArray x, DataType dataType) {
        long n = x.size(0);
        long m = x.size(1);
        INDArray high = x.castTo(dataType);
        INDArray difference = high.reshape(n, m, 1).sub(high.reshape(n, 1, m));
        if (dataType != DataType.DOUBLE) {
            INDArray low = x.sub(high.castTo(DataType.DOUBLE)).castTo(dataType);
            difference.addi(low.reshape(n, m, 1)).subi(low.reshape(n, 1, m));
        }
        return difference;
    }
}
