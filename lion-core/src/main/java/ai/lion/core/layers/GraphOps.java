package ai.lion.core.layers;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/** Small differentiable building blocks shared by the LION layer graphs. */
final class GraphOps {

    private GraphOps() {
    }

    /** {@code x·W + b} for a token matrix {@code x [N, in]}, {@code W [in, out]}, {@code b [1, out]}. */
    static SDVariable linear(SDVariable x, SDVariable weight, SDVariable bias) {
        return x.mmul(weight).add(bias);
    }

    /** {@code log(1 - sigmoid(z)) = -softplus(z)}, computed as {@code -(max(z,0) + log1p(exp(-|z|)))}. */
    static SDVariable negativeSoftplus(SameDiff sd, SDVariable z) {
        SDVariable tail = sd.math.log1p(sd.math.exp(sd.math.abs(z).neg()));
        return sd.nn.relu(z, 0).add(tail).neg();
    }

    /**
     * Prefix sums along the rows of a matrix {@code x [R, T]}: {@code out[r][m] = sum_{t<m} x[r][t]}
     * (exclusive) or {@code sum_{t<=m}} (inclusive). Computed along axis 0 of the transpose, because
     * the gradient of ND4J 1.0.0-M2.1's {@code cumsum} along axis 1 of a matrix is wrong.
     */
    static SDVariable prefixSums(SameDiff sd, SDVariable x, boolean exclusive) {
        return sd.permute(sd.cumsum(sd.permute(x, 1, 0), exclusive, false, 0), 1, 0);
    }

    /** LayerNorm over the columns of {@code x [N, C]}: {@code (x - mean) / sqrt(var + eps) · gain + bias}. */
    static SDVariable layerNorm(SameDiff sd, SDVariable x, SDVariable gain, SDVariable bias, double eps) {
        SDVariable centred = x.sub(x.mean(true, 1));
        SDVariable variance = centred.mul(centred).mean(true, 1);
        return Broadcasts.multiply(sd, centred.div(variance.add(eps).pow(0.5)), gain).add(bias);
    }

    /** The exact GELU, {@code x · Φ(x) = ½ x (1 + erf(x / √2))}. */
    static SDVariable gelu(SameDiff sd, SDVariable x) {
        return x.mul(sd.math.erf(x.mul(Math.sqrt(0.5))).add(1.0)).mul(0.5);
    }
}
