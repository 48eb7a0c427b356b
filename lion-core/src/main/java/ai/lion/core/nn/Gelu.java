package ai.lion.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The exact GELU {@code x Φ(x)}, {@code Φ(x) = ½ (1 + erf(x / √2))}; derivative {@code Φ(x) + x φ(x)}. */
public final class Gelu {

    private static final double INV_SQRT2 = Math.sqrt(0.5);
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

    private Gelu() {
    }

    /** The activation and what its backward needs. */
    public record Pass(INDArray input, INDArray output, INDArray cdf) {
    }

    /** GELU of {@code x} (kept, not modified). */
    public static Pass forward(INDArray x) {
        INDArray cdf = x.mul(INV_SQRT2);
        Nd4j.exec(new Erf(cdf, cdf));
        cdf.addi(1).muli(0.5);
        return new Pass(x, x.mul(cdf), cdf);
    }

    /** {@code dx = dy ⊙ (Φ(x) + x φ(x))}; {@code dy} is overwritten. */
    public static INDArray backward(Pass pass, INDArray dy) {
        INDArray x = pass.input();
        INDArray density = Transforms.exp(x.mul(x).muli(-0.5), false).muli(INV_SQRT_2PI).muli(x);
        return dy.muli(density.addi(pass.cdf()));
    }
}
