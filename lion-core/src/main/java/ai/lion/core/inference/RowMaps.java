package ai.lion.core.inference;

import ai.lion.core.attention.MaskType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The non-linear maps of a LION block, applied to matrices of token rows (lion-math §2, §5). Their
 * temporaries are left to the caller's {@link ScratchMemory} scope.
 */
final class RowMaps {

    private RowMaps() {
    }

    /**
     * The query/key feature map of {@code rows [n, H·d]} (a view is fine), per token and head, as a new
     * array: {@code elu(x) + 1} for LIT, {@code silu(x) + 0.5} scaled to unit L2 norm over the head
     * dimension d for DECAY and SELECTIVE.
     */
    static INDArray featureMap(INDArray rows, MaskType maskType, long headDim) {
        if (maskType == MaskType.LIT) {
            return Transforms.elu(rows, true).addi(1.0);
        }
        INDArray shifted = Transforms.sigmoid(rows, true).muli(rows).addi(0.5);
        INDArray perHead = shifted.reshape(shifted.length() / headDim, headDim);
        perHead.diviColumnVector(perHead.norm2(true, 1));
        return shifted;
    }

    /** The exact GELU {@code ½ x (1 + erf(x / √2))} of {@code x}, in place; returns {@code x}. */
    static INDArray geluInPlace(INDArray x) {
        INDArray erf = x.mul(Math.sqrt(0.5));
        Nd4j.exec(new Erf(erf, erf));
        return x.muli(erf.addi(1.0)).muli(0.5);
    }

    /**
     * {@code log(1 - sigmoid(z)) = -softplus(z) = -(max(z, 0) + log1p(exp(-|z|)))} of {@code z}, in place
     * (finite for every finite z); returns {@code z}.
     */
    static INDArray negativeSoftplusInPlace(INDArray z) {
        INDArray tail = Transforms.abs(z, true).negi();
        Transforms.log1p(Transforms.exp(tail, false), false);
        return Transforms.relu(z, false).addi(tail).negi();
    }
}
