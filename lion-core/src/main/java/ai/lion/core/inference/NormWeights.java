package ai.lion.core.inference;

import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The parameters of a LayerNorm over the C channels of every row,
 * {@code y = (x - mean) / sqrt(var + eps) · gain + bias} with the biased variance. Gain and bias
 * hold C elements each, in any shape ({@code [1, C]} in the blocks, {@code [1, C, 1]} in the final
 * norm), and are viewed as rows. A view: the arrays are not copied.
 *
 * @param eps added to the variance (1e-6 in every LayerNorm of the LION models)
 */
public record NormWeights(INDArray gain, INDArray bias, double eps) {

    /** Checks that gain and bias have the same number of elements and data type, and that eps is positive. */
    public NormWeights {
        Objects.requireNonNull(gain, "gain");
        Objects.requireNonNull(bias, "bias");
        if (!(eps > 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("eps must be positive and finite, got " + eps);
        }
        if (bias.length() != gain.length() || bias.dataType() != gain.dataType()) {
            throw new IllegalArgumentException("gain and bias must have the same length and data type, got "
                    + gain.dataType() + Arrays.toString(gain.shape()) + " and " + bias.dataType()
                    + Arrays.toString(bias.shape()));
        }
        gain = gain.reshape(1, gain.length());
        bias = bias.reshape(1, bias.length());
    }

    /** C. */
    public long width() {
        return gain.length();
    }

    /** The normalised {@code rows [n, C]} (a view is fine) as a new array. */
    INDArray apply(INDArray rows) {
        INDArray centred = rows.subColumnVector(rows.mean(true, 1));
        INDArray deviation = Transforms.sqrt(centred.mul(centred).mean(true, 1).addi(eps), false);
        return centred.diviColumnVector(deviation).muliRowVector(gain).addiRowVector(bias);
    }
}
