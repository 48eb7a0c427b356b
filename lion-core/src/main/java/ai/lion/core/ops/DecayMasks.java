package ai.lion.core.ops;

import ai.lion.core.nn.Rows;
import ai.lion.core.nn.ThreadConstants;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.CumSum;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The LION decay mask built in log space, and the gradient of log a through it. */
final class DecayMasks {

    private DecayMasks() {
    }

    /**
     * {@code M [R, T, T]} from {@code logDecay [R, T]}: {@code exp(min(P[i] - P[j], Q[j] - Q[i]))} with
     * P the exclusive and Q the inclusive prefix sums. Each branch is {@code <= 0} on its own triangle
     * and {@code >= 0} on the other, so the minimum selects the right one and no exponent is positive.
     * The prefix sums are float64 (see {@link #preciseDifferences}).
     */
    static INDArray full(INDArray logDecay) {
        INDArray log = logDecay.castTo(DataType.DOUBLE);
        INDArray exclusive = prefixSums(log, true, false);
        INDArray inclusive = exclusive.add(log);
        INDArray logMask = preciseDifferences(exclusive, logDecay.dataType());
        Transforms.min(logMask, preciseDifferences(inclusive, logDecay.dataType()).negi(), false);
        return Transforms.exp(logMask, false);
    }

    /**
     * {@code x[r][i] - x[r][j]} as {@code [R, T, T]} in {@code dataType} from float64 {@code x [R, T]}.
     * For a narrower type x is split into its rounded part and the remainder, and the differences of both
     * are added: the result is exact up to its own rounding even where the sums are large and close
     * (long sequences with strong decay), where float32 prefix sums would cancel.
     */
    private static INDArray preciseDifferences(INDArray x, DataType dataType) {
        INDArray high = x.castTo(dataType);
        INDArray out = differences(high);
        if (dataType != DataType.DOUBLE) {
            INDArray low = x.sub(high.castTo(DataType.DOUBLE)).castTo(dataType);
            Rows.add(out, column(low), out);
            Rows.sub(out, row(low), out);
        }
        return out;
    }

    /**
     * {@code dlog a [R, T]} from {@code G = dlog M [R, T, T]} (consumed): the strict lower triangle of
     * G holds the gradients of {@code P[i] - P[j]}, the strict upper one those of {@code Q[j] - Q[i]};
     * the diagonal is constant 0.
     */
    static INDArray logDecayGradient(INDArray g) {
        INDArray lower = Rows.times(g, triangle(true, g.size(1), g.dataType()));
        INDArray upper = multiplyEach(g, triangle(false, g.size(1), g.dataType()));
        INDArray dExclusive = lower.sum(2).subi(lower.sum(1));
        INDArray dInclusive = upper.sum(1).subi(upper.sum(2));
        return prefixSums(dExclusive.add(dInclusive), false, true).subi(dExclusive);
    }

    /** {@code x[r][i] - x[r][j]} as {@code [R, T, T]}. */
    static INDArray differences(INDArray x) {
        return differences(x, x);
    }

    /** {@code x[r][i] - y[r][j]} as {@code [R, T, T]} for {@code x, y [R, T]}. */
    static INDArray differences(INDArray x, INDArray y) {
        long length = x.size(1);
        return Rows.sub(column(x), row(y), Nd4j.createUninitialized(x.dataType(), x.size(0), length, length));
    }

    /** {@code x [R, T]} as {@code [R, T, 1]}: {@code x[r][i]} for every j. */
    private static INDArray column(INDArray x) {
        return x.reshape(x.size(0), x.size(1), 1);
    }

    /** {@code x [R, T]} as {@code [R, 1, T]}: {@code x[r][j]} for every i. */
    private static INDArray row(INDArray x) {
        return x.reshape(x.size(0), 1, x.size(1));
    }

    /** The strict lower ({@code i > j}) or strict upper ({@code i < j}) triangle of ones {@code [T, T]}, read-only. */
    private static INDArray triangle(boolean lower, long length, DataType dataType) {
        return ThreadConstants.get(new Triangle(lower, length, dataType), () -> {
            INDArray order = positionOrder(length, dataType);
            return (lower ? order.gt(0) : order.lt(0)).castTo(dataType);
        });
    }

    private record Triangle(boolean lower, long length, DataType dataType) {
    }

    /** {@code i - j} as {@code [T, T]}: its sign tells the strict lower triangle, the diagonal and the strict upper one. */
    static INDArray positionOrder(long length, DataType dataType) {
        return differences(Nd4j.arange(length).castTo(dataType).reshape(1, length)).reshape(length, length);
    }

    /** Prefix sums along axis 1 of {@code x [R, T]}: exclusive or inclusive, forward or reversed. */
    static INDArray prefixSums(INDArray x, boolean exclusive, boolean reverse) {
        INDArray out = Nd4j.createUninitialized(x.dataType(), x.shape());
        Nd4j.exec(new CumSum(x, out, exclusive, reverse, 1));
        return out;
    }

    /** Every {@code [T, T]} matrix of {@code x [R, T, T]} times {@code selector [T, T]}, in place. */
    static INDArray multiplyEach(INDArray x, INDArray selector) {
        return Rows.mul(x, selector, x);
    }

}
