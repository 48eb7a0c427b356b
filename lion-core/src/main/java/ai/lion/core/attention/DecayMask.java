package ai.lion.core.attention;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastCopyOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Diagonal blocks of the LION mask, built in log space from prefix-sum differences so that every
 * exponent is {@code <= 0} (no cumulative products, hence no 0/0 for strong decays).
 *
 * <p>For a block of m consecutive positions and prefix sums P of the log decays,
 * {@code log M[i][j] = P[i] - P[j]} for {@code i >= j} and {@code P[j+1] - P[i+1]} for {@code i <= j}.
 * Each of the two expressions is {@code <= 0} on its own triangle and {@code >= 0} on the other, so
 * their element-wise minimum is {@code log M} everywhere, without triangular index masks.
 */
final class DecayMask {

    private DecayMask() {
    }

    /**
     * The mask block [N, m, m] in {@code dataType}. Both arguments are float64 [N, m] and relative to one
     * common origin o (any position at or before the block).
     *
     * @param before  {@code P[i] - P[o]}: the log decays of positions o..i-1, for each position i of the block
     * @param through {@code P[i+1] - P[o]}: the log decays of positions o..i
     */
    static INDArray block(INDArray before, INDArray through, DataType dataType) {
        INDArray logMask = differences(before, dataType);
        INDArray backward = differences(through.neg(), dataType);
        Transforms.min(logMask, backward, false);
        BatchOps.release(backward);
        return Transforms.exp(logMask, false);
    }

    /**
     * {@code D[n][i][j] = x[n][i] - x[n][j]} in {@code dataType}, from float64 {@code x}. For float32 the
     * sums are split into a float32 part and its float32 remainder; the difference of the parts is exact up
     * to the rounding of the result, so nearby positions keep full accuracy even when the sums themselves
     * are large (float32 cancellation).
     */
    private static INDArray differences(INDArray x, DataType dataType) {
        long n = x.size(0);
        long m = x.size(1);
        INDArray high = x.castTo(dataType).dup('c');
        INDArray difference = Nd4j.createUninitialized(dataType, n, m, m);
        Nd4j.exec(new BroadcastCopyOp(difference, high, difference, 0, 1));
        Nd4j.exec(new BroadcastSubOp(difference, high, difference, 0, 2));
        if (dataType != DataType.DOUBLE) {
            INDArray low = x.sub(high.castTo(DataType.DOUBLE)).castTo(dataType);
            Nd4j.exec(new BroadcastAddOp(difference, low, difference, 0, 1));
            Nd4j.exec(new BroadcastSubOp(difference, low, difference, 0, 2));
        }
        return difference;
    }
}
