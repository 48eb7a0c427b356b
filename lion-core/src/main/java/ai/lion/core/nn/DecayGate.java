package ai.lion.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Log decays {@code log a = -softplus(z)} ({@code a = 1 - sigmoid(z)}), 0 at padded rows. SELECTIVE:
 * {@code z = x W + b} per token and head; DECAY: {@code z = -λ_h}, one learned logit per head
 * ({@code a = sigmoid(λ)}).
 */
public final class DecayGate {

    private DecayGate() {
    }

    /** The log decays {@code [N, H]} and what the backward needs. */
    public record Pass(INDArray logits, INDArray logDecay, INDArray tokenMask) {
    }

    /** DECAY's logits {@code z = -λ [N, H]} for {@code rows} tokens, from the per-head {@code decay [1, H]}. */
    public static INDArray decayLogits(INDArray decay, long rows) {
        INDArray logits = Nd4j.zeros(decay.dataType(), rows, decay.length());
        return Rows.sub(logits, decay, logits);
    }

    /** From logits {@code z [N, H]}; {@code tokenMask [N, 1]} (1 = real) or null. */
    public static Pass forward(INDArray logits, INDArray tokenMask) {
        INDArray logDecay = Transforms.softPlus(logits, true).negi();
        if (tokenMask != null) {
            Rows.mul(logDecay, tokenMask, logDecay);
        }
        return new Pass(logits, logDecay, tokenMask);
    }

    /** {@code dz = -dlog a ⊙ sigmoid(z)} (masked); {@code dLogDecay} is overwritten. */
    public static INDArray backward(Pass pass, INDArray dLogDecay) {
        INDArray dz = dLogDecay.muli(Transforms.sigmoid(pass.logits(), true)).negi();
        return pass.tokenMask() == null ? dz : Rows.mul(dz, pass.tokenMask(), dz);
    }
}
