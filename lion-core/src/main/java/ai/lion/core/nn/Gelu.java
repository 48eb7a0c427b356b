package ai.lion.core.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The exact GELU {@code x Φ(x)}, {@code Φ(x) = ½ (1 + erf(x / √2))}, with slope {@code Φ(x) + x φ(x)}.
 *
 * <p>The forward pass computes the slope along with the activation, so the backward pass is one product.
 * float32 arrays take {@link FloatGelu} (erf from a rational approximation, within 4e-7 of the exact
 * value); other types take ND4J's erf and exp.
 */
public final class Gelu {

    private static final double INV_SQRT2 = Math.sqrt(0.5);
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

    private Gelu() {
    }

    /** The activation and its slope, which the backward pass multiplies by. */
    public record Pass(INDArray output, INDArray slope) {
    }

    /** GELU of {@code x} (kept, not modified) and its slope, for training. */
    public static Pass forward(INDArray x) {
        if (x.dataType() == DataType.FLOAT) {
            return FloatGelu.forward(x, true);
        }
        INDArray cdf = cdf(x);
        INDArray slope = Transforms.exp(x.mul(x).muli(-0.5), false).muli(INV_SQRT_2PI).muli(x).addi(cdf);
        return new Pass(x.mul(cdf), slope);
    }

    /** GELU of {@code x} (kept, not modified), without the slope: for inference. */
    public static INDArray apply(INDArray x) {
        return x.dataType() == DataType.FLOAT ? FloatGelu.forward(x, false).output() : x.mul(cdf(x));
    }

    /** {@code dx = dy ⊙ slope}; {@code dy} is overwritten. */
    public static INDArray backward(Pass pass, INDArray dy) {
        return dy.muli(pass.slope());
    }

    private static INDArray cdf(INDArray x) {
        INDArray cdf = x.mul(INV_SQRT2);
        Nd4j.exec(new Erf(cdf, cdf));
        return cdf.addi(1).muli(0.5);
    }
}
