package ai.lion.core.nn;

import ai.lion.core.attention.MaskType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The positive feature map of q and k, per head of width d on a row matrix {@code [N, H·d]}: LIT
 * {@code elu(x) + 1}; DECAY and SELECTIVE {@code s = silu(x) + 0.5} scaled to unit L2 norm over the
 * head's d columns.
 */
public final class FeatureMap {

    private final boolean normalized;
    private final long headDim;

    private FeatureMap(boolean normalized, long headDim) {
        this.normalized = normalized;
        this.headDim = headDim;
    }

    /** The map of {@code maskType} for heads of width {@code headDim}. */
    public static FeatureMap of(MaskType maskType, long headDim) {
        return new FeatureMap(maskType != MaskType.LIT, headDim);
    }

    /** The mapped rows and what the backward needs ({@code sigmoid(x)}, and the norms, for the normalised map). */
    public record Pass(INDArray input, INDArray output, INDArray sigmoid, INDArray inverseNorm) {
    }

    /** Maps {@code x} (kept, not modified). */
    public Pass forward(INDArray x) {
        if (!normalized) {
            return new Pass(x, Transforms.elu(x, true).addi(1), null, null);
        }
        INDArray sigmoid = Transforms.sigmoid(x, true);
        INDArray shifted = sigmoid.mul(x).addi(0.5);
        INDArray perHead = shifted.reshape(x.length() / headDim, headDim);
        INDArray inverseNorm = Transforms.pow(Rows.sums(perHead.mul(perHead)), -0.5, false);
        Rows.mul(perHead, inverseNorm, perHead);
        return new Pass(x, shifted, sigmoid, inverseNorm);
    }

    /** {@code dx} from {@code dy}; {@code dy} is overwritten. */
    public INDArray backward(Pass pass, INDArray dy) {
        INDArray x = pass.input();
        INDArray y = pass.output();
        if (!normalized) {
            // d/dx (elu(x) + 1) is 1 for x > 0 and e^x = y for x <= 0: min(y, 1)
            return dy.muli(Transforms.min(y, 1.0, true));
        }
        long rows = x.length() / headDim;
        INDArray yHeads = y.reshape(rows, headDim);
        INDArray dyHeads = dy.reshape(rows, headDim);
        INDArray along = Rows.sums(dyHeads.mul(yHeads));
        // ds = (dy - y (y·dy)) / |s|
        Rows.mul(dyHeads.subi(Rows.times(yHeads, along)), pass.inverseNorm(), dyHeads);
        // d silu = σ(x) (1 + x (1 - σ(x)))
        INDArray sigmoid = pass.sigmoid();
        INDArray slope = sigmoid.rsub(1).muli(x).addi(1).muli(sigmoid);
        return dy.muli(slope);
    }
}
