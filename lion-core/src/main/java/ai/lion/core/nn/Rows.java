package ai.lion.core.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.DivOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Row and column arithmetic on row matrices {@code [N, C]}: a row {@code [1, C]} or a column
 * {@code [N, 1]} applied to every row or column, and sums and means along either axis.
 *
 * <p>ND4J's row- and column-vector methods ({@code addiRowVector}, {@code sum(1)}, ...) run its legacy
 * broadcast and reduction kernels, which build the tensor-along-dimension buffers of both operands on
 * every call: four or five native objects, each with a deallocator for the garbage collector to clear.
 * The arithmetic here uses ND4J's broadcasting custom ops instead, and the sums one BLAS product with
 * a vector of ones, one native object each. The results are the same up to float rounding.
 *
 * <p>{@link #sums} and {@link #means} reduce the last axis of any array seen as rows: for {@code x [R, T, C]}
 * pass {@code x.reshape(R * T, C)}.
 */
public final class Rows {

    private Rows() {
    }

    /** {@code z = x + y} with {@code y} broadcast (a row or a column of {@code x}); {@code z} may be {@code x}. */
    public static INDArray add(INDArray x, INDArray y, INDArray z) {
        Nd4j.exec(new AddOp(x, y, z));
        return z;
    }

    /** {@code z = x - y} with {@code y} broadcast; {@code z} may be {@code x}. */
    public static INDArray sub(INDArray x, INDArray y, INDArray z) {
        Nd4j.exec(new SubOp(x, y, z));
        return z;
    }

    /** {@code z = x ⊙ y} with {@code y} broadcast; {@code z} may be {@code x}. */
    public static INDArray mul(INDArray x, INDArray y, INDArray z) {
        Nd4j.exec(new MulOp(x, y, z));
        return z;
    }

    /** {@code z = x / y} with {@code y} broadcast; {@code z} may be {@code x}. */
    public static INDArray div(INDArray x, INDArray y, INDArray z) {
        Nd4j.exec(new DivOp(x, y, z));
        return z;
    }

    /** {@code x ⊙ y} with {@code y} broadcast, a new array shaped like {@code x}. */
    public static INDArray times(INDArray x, INDArray y) {
        return mul(x, y, Nd4j.createUninitialized(x.dataType(), x.shape()));
    }

    /** The row sums of {@code x [N, C]}, a new {@code [N, 1]} array. */
    public static INDArray sums(INDArray x) {
        return rowProduct(x, 1.0);
    }

    /** The row means of {@code x [N, C]}, a new {@code [N, 1]} array. */
    public static INDArray means(INDArray x) {
        return rowProduct(x, 1.0 / x.size(1));
    }

    /** {@code out [1, C] = sum over the rows of x [N, C]}; {@code out} may be a strided view (a column block). */
    public static void columnSums(INDArray x, INDArray out) {
        Linear.gemmInto(ones(x.dataType(), x.size(0)), x, out, true);
    }

    private static INDArray rowProduct(INDArray x, double scale) {
        INDArray out = Nd4j.createUninitialized(x.dataType(), x.size(0), 1);
        Nd4j.gemm(x, ones(x.dataType(), x.size(1)), out, false, false, scale, 0.0);
        return out;
    }

    /** A {@code [n, 1]} column of ones, read-only. */
    private static INDArray ones(DataType dataType, long n) {
        return ThreadConstants.get(new Ones(dataType, n), () -> Nd4j.ones(dataType, n, 1));
    }

    private record Ones(DataType dataType, long length) {
    }
}
