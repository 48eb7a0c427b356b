package ai.lion.core.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastDivOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Bidirectional softmax attention on batch-head tensors, with its hand-derived backward pass:
 * {@code out[r] = A[r] values[r]}, {@code A = softmax(q kᵀ + B)} row by row, for {@code q, k [R, T, d]}
 * (q already scaled), {@code values [R, T, f]} and a key mask {@code [R, T]} (1 = real position; null
 * when every position is real). The bias B is {@value #MASKED} at padded keys, so they get weight
 * exactly 0; the row maximum is subtracted before {@code exp}, so large scores cannot overflow. Rows of
 * padded queries are set to 0: their outputs are 0 and their gradients too.
 *
 * <p>Backward: {@code dA = dOut valuesᵀ}, {@code dValues = Aᵀ dOut},
 * {@code dS = A ⊙ (dA - rowsum(dA ⊙ A))}, {@code dq = dS k}, {@code dk = dSᵀ q}.
 */
public final class SoftmaxAttentionOperator {

    /** The score added at a padded key; its weight {@code exp(MASKED - max)} is 0 in any precision. */
    static final double MASKED = -1e9;

    /** The forward pass; the returned pass holds the output and what the backward needs. */
    public Pass forward(INDArray q, INDArray k, INDArray values, INDArray keyMask) {
        INDArray weights = Nd4j.matmul(q, k, false, true, false);
        if (keyMask != null) {
            Nd4j.exec(new BroadcastAddOp(weights, keyMask.rsub(1).muli(MASKED), weights, 0, 2));
        }
        Nd4j.exec(new BroadcastSubOp(weights, weights.max(2), weights, 0, 1));
        Transforms.exp(weights, false);
        Nd4j.exec(new BroadcastDivOp(weights, weights.sum(2), weights, 0, 1));
        if (keyMask != null) {
            Nd4j.exec(new BroadcastMulOp(weights, keyMask, weights, 0, 1));
        }
        return new Pass(q, k, values, weights, Nd4j.matmul(weights, values));
    }

    /**
     * One forward pass, ready to be differentiated once.
     *
     * @param weights the attention weights A {@code [R, T, T]} (0 in the rows of padded queries)
     * @param output  {@code [R, T, f]}
     */
    public record Pass(INDArray q, INDArray k, INDArray values, INDArray weights, INDArray output) {

        /** Gradients of the inputs from {@code dOutput [R, T, f]}. */
        public Gradients backward(INDArray dOutput) {
            INDArray dScores = Nd4j.matmul(dOutput, values, false, true, false);
            INDArray dValues = Nd4j.matmul(weights, dOutput, true, false, false);
            INDArray alongRows = dScores.mul(weights).sum(2);
            Nd4j.exec(new BroadcastSubOp(dScores, alongRows, dScores, 0, 1));
            dScores.muli(weights);
            INDArray dq = Nd4j.matmul(dScores, k);
            INDArray dk = Nd4j.matmul(dScores, q, true, false, false);
            return new Gradients(dq, dk, dValues);
        }
    }

    /** Gradients of the operator's inputs (the key mask has none). */
    public record Gradients(INDArray dq, INDArray dk, INDArray dValues) {
    }
}
