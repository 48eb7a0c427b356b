package ai.lion.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** LayerNorm over the columns of {@code x [N, C]}: {@code (x - mean) / sqrt(var + eps) · gain + bias}. */
public final class LayerNorm {

    /** The epsilon of every LayerNorm in LION models. */
    public static final double EPS = 1e-6;

    private LayerNorm() {
    }

    /** What the backward pass needs: the normalised rows and their reciprocal standard deviations. */
    public record Pass(INDArray output, INDArray normalized, INDArray inverseStd) {
    }

    public static Pass forward(INDArray x, INDArray gain, INDArray bias) {
        INDArray centred = Rows.sub(x, Rows.means(x), Nd4j.createUninitialized(x.dataType(), x.shape()));
        INDArray inverseStd = Transforms.pow(Rows.means(centred.mul(centred)).addi(EPS), -0.5, false);
        INDArray normalized = Rows.mul(centred, inverseStd, centred);
        INDArray output = Rows.times(normalized, gain);
        return new Pass(Rows.add(output, bias, output), normalized, inverseStd);
    }

    /**
     * Writes the gain and bias gradients and returns
     * {@code dx = inverseStd · (dn - mean(dn) - n · mean(dn ⊙ n))} with {@code dn = dy ⊙ gain}.
     */
    public static INDArray backward(Pass pass, INDArray gain, INDArray dy, INDArray dGain, INDArray dBias) {
        INDArray n = pass.normalized();
        Rows.columnSums(dy.mul(n), dGain);
        Rows.columnSums(dy, dBias);
        INDArray dn = Rows.times(dy, gain);
        INDArray meanDnN = Rows.means(dn.mul(n));
        Rows.sub(dn, Rows.means(dn), dn).subi(Rows.times(n, meanDnN));
        return Rows.mul(dn, pass.inverseStd(), dn);
    }
}
