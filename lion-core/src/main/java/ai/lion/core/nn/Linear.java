package ai.lion.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@code y = x W + b} on a row matrix {@code x [N, in]}, {@code W [in, out]}, {@code b [1, out]}: one 2-D gemm each way. */
public final class Linear {

    private Linear() {
    }

    /** {@code x W + b}, a new {@code [N, out]} array. */
    public static INDArray forward(INDArray x, INDArray weight, INDArray bias) {
        INDArray y = Nd4j.createUninitialized(x.dataType(), x.size(0), weight.size(1));
        Nd4j.gemm(x, weight, y, false, false, 1.0, 0.0);
        return bias == null ? y : Rows.add(y, bias, y);
    }

    /**
     * Writes {@code dW = xᵀ dy} and {@code db = colsum(dy)} into the given gradient arrays (db may be
     * null when there is no bias) and returns {@code dx = dy Wᵀ}, or null when {@code needInputGradient}
     * is false.
     */
    public static INDArray backward(INDArray x, INDArray weight, INDArray dy, INDArray dWeight, INDArray dBias,
                                    boolean needInputGradient) {
        gemmInto(x, dy, dWeight, true);
        if (dBias != null) {
            Rows.columnSums(dy, dBias);
        }
        if (!needInputGradient) {
            return null;
        }
        INDArray dx = Nd4j.createUninitialized(dy.dataType(), dy.size(0), weight.size(0));
        Nd4j.gemm(dy, weight, dx, false, true, 1.0, 0.0);
        return dx;
    }

    /** {@code out = op(a) b}; {@code out} may be a strided view (a column block), which gemm cannot write to. */
    static void gemmInto(INDArray a, INDArray b, INDArray out, boolean transposeA) {
        if (out.elementWiseStride() == 1) {
            Nd4j.gemm(a, b, out, transposeA, false, 1.0, 0.0);
        } else {
            INDArray dense = Nd4j.createUninitialized(out.dataType(), out.shape());
            Nd4j.gemm(a, b, dense, transposeA, false, 1.0, 0.0);
            out.assign(dense);
        }
    }
}
