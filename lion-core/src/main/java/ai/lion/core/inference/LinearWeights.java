package ai.lion.core.inference;

import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The parameters of one linear map {@code y = x·W + b} on a matrix of rows: weight {@code [in, out]}
 * and bias {@code [1, out]} (any shape of {@code out} elements is accepted and viewed as a row). A
 * view: the arrays are not copied, and callers must not change them while the weights are in use.
 */
public record LinearWeights(INDArray weight, INDArray bias) {

    /** Checks that the weight is a matrix and the bias has one element per output column. */
    public LinearWeights {
        Objects.requireNonNull(weight, "weight");
        Objects.requireNonNull(bias, "bias");
        if (weight.rank() != 2) {
            throw new IllegalArgumentException("weight must be a matrix [in, out], got shape "
                    + Arrays.toString(weight.shape()));
        }
        if (bias.length() != weight.size(1)) {
            throw new IllegalArgumentException("bias must have " + weight.size(1) + " elements (the weight's out),"
                    + " got shape " + Arrays.toString(bias.shape()));
        }
        if (bias.dataType() != weight.dataType()) {
            throw new IllegalArgumentException("bias must have the weight's data type " + weight.dataType() + ", got "
                    + bias.dataType());
        }
        bias = bias.reshape(1, bias.length());
    }

    /** in: the width of the rows the map reads. */
    public long inputs() {
        return weight.size(0);
    }

    /** out: the width of the rows it writes. */
    public long outputs() {
        return weight.size(1);
    }

    /** {@code rows·W + b} for {@code rows [n, in]} (a view is fine): a new {@code [n, out]} array. */
    INDArray apply(INDArray rows) {
        return rows.mmul(weight).addiRowVector(bias);
    }
}
