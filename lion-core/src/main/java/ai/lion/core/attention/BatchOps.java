package ai.lion.core.attention;

import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.factory.Nd4j;

/** ND4J operations on batches of matrices [N, rows, cols] that the forms share. */
final class BatchOps {

    private static final MMulTranspose PLAIN = MMulTranspose.allFalse();
    private static final MMulTranspose TRANSPOSE_A = MMulTranspose.builder().transposeA(true).build();

    private BatchOps() {
    }

    /** {@code c = a · b} per batch entry; {@code c} may be a view. */
    static void multiplyInto(INDArray a, INDArray b, INDArray c) {
        Nd4j.exec(new Mmul(a, b, c, 1.0, 0.0, PLAIN));
    }

    /** {@code c += a · b} per batch entry; {@code c} may be a view. */
    static void addProduct(INDArray a, INDArray b, INDArray c) {
        Nd4j.exec(new Mmul(a, b, c, 1.0, 1.0, PLAIN));
    }

    /** {@code c += aᵀ · b} per batch entry; {@code c} may be a view. */
    static void addTransposedProduct(INDArray a, INDArray b, INDArray c) {
        Nd4j.exec(new Mmul(a, b, c, 1.0, 1.0, TRANSPOSE_A));
    }

    /** {@code x[n][r][c] · weights[n][r]}: every row scaled by its own weight (a new array). */
    static INDArray scaleRows(INDArray x, INDArray weights) {
        INDArray scaled = Nd4j.createUninitialized(x.dataType(), x.shape());
        Nd4j.exec(new BroadcastMulOp(x, weights, scaled, 0, 1));
        return scaled;
    }

    /** Multiplies every matrix {@code x[n]} of a contiguous batch by {@code factors[n]}, in place. */
    static void scaleInPlace(INDArray x, INDArray factors) {
        INDArray flat = x.reshape(x.size(0), x.length() / x.size(0));
        Nd4j.exec(new BroadcastMulOp(flat, factors, flat, 0));
    }

    /** Frees the off-heap memory of a large temporary now rather than at garbage collection. */
    static void release(INDArray x) {
        if (x.closeable()) {
            x.close();
        }
    }
}
