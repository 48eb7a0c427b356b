package ai.lion.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
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
        INDArray centred = x.subColumnVector(x.mean(true, 1));
        INDArray inverseStd = Transforms.pow(centred.mul(centred).mean(true, 1).addi(EPS), -0.5, false);
        INDArray normalized = centred.muliColumnVector(inverseStd);
        INDArray output = normalized.mulRowVector(gain).addiRowVector(bias);
        return new Pass(output, normalized, inverseStd);
    }

    /**
     * Writes the gain and bias gradients and returns
     * {@code dx = inverseStd · (dn - mean(dn) - n · mean(dn ⊙ n))} with {@code dn = dy ⊙ gain}.
     */
    public static INDArray backward(Pass pass, INDArray gain, INDArray dy, INDArray dGain, INDArray dBias) {
        INDArray n = pass.normalized();
        Linear.columnSums(dy.mul(n), dGain);
        Linear.columnSums(dy, dBias);
        INDArray dn = dy.mulRowVector(gain);
        INDArray meanDn = dn.mean(true, 1);
        INDArray meanDnN = dn.mul(n).mean(true, 1);
        return dn.subiColumnVector(meanDn).subi(n.mulColumnVector(meanDnN)).muliColumnVector(pass.inverseStd());
    }
}
