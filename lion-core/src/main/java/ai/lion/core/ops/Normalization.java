package ai.lion.core.ops;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import ai.lion.core.nn.Rows;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The normalised LION output {@code y = num / (den + eps)} from an operator's sums over values with a
 * last column of ones ({@link #withOnes}): {@code sums [R, T, w + 1] = [num, den]}, {@code y [R, T, w]}.
 */
public final class Normalization {

    private Normalization() {
    }

    /** The output and what the backward needs ({@code 1 / (den + eps)} as {@code [R, T, 1]}). */
    public record Pass(INDArray output, INDArray inverseDen) {
    }

    /** {@code [R, T, w] -> [R, T, w + 1]} with a last column of ones (it yields the denominator). */
    public static INDArray withOnes(INDArray values) {
        long width = values.size(2);
        INDArray out = Nd4j.createUninitialized(values.dataType(), values.size(0), values.size(1), width + 1);
        out.get(all(), all(), interval(0, width)).assign(values);
        out.get(all(), all(), point(width)).assign(1);
        return out;
    }

    /** {@code y} from {@code sums} (a view is fine; not modified). */
    public static Pass forward(INDArray sums, double eps) {
        long width = sums.size(2) - 1;
        INDArray inverseDen = sums.get(all(), all(), interval(width, width + 1)).add(eps).rdivi(1.0);
        INDArray output = Nd4j.createUninitialized(sums.dataType(), sums.size(0), sums.size(1), width);
        return new Pass(Rows.mul(sums.get(all(), all(), interval(0, width)), inverseDen, output), inverseDen);
    }

    /** {@code dSums}: {@code dnum = dy / (den + eps)}, {@code dden = -sum(dy ⊙ y) / (den + eps)}. */
    public static INDArray backward(Pass pass, INDArray dOutput) {
        long rows = dOutput.size(0);
        long length = dOutput.size(1);
        long width = dOutput.size(2);
        INDArray alongRows = Rows.sums(dOutput.mul(pass.output()).reshape(rows * length, width));
        INDArray dDen = alongRows.reshape(rows, length, 1).muli(pass.inverseDen()).negi();
        INDArray dSums = Nd4j.createUninitialized(dOutput.dataType(), rows, length, width + 1);
        Rows.mul(dOutput, pass.inverseDen(), dSums.get(all(), all(), interval(0, width)));
        dSums.get(all(), all(), interval(width, width + 1)).assign(dDen);
        return dSums;
    }
}
