package ai.lion.core.layers;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Products with a broadcast operand whose backward pass stays cheap.
 *
 * <p>ND4J 1.0.0-M2.1's {@code multiply_bp} expands a broadcast operand to the full shape element by
 * element ({@code NDArray::tile}); for {@code [2176, 128] · [1, 128]} it takes 10–20 ms, several
 * times the cost of the matrix products of the same layer. Expanding the operand first with a
 * broadcast {@code add} (whose backward pass is a plain sum) and multiplying equal shapes computes the
 * same values and gradients at a fraction of the cost. docs/benchmarks.md has the measurements.
 */
public final class Broadcasts {

    private Broadcasts() {
    }

    /** {@code x · factor}, with {@code factor} broadcast to the shape of {@code x}. */
    public static SDVariable multiply(SameDiff sd, SDVariable x, SDVariable factor) {
        return x.mul(sd.zerosLike(x).add(factor));
    }
}
