package ai.lion.core.ops;

import ai.lion.core.nn.Rows;
import org.nd4j.linalg.api.ndarray.INDArray;
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
        long rows = weights.size(0);
        long length = weights.size(1);
        if (keyMask != null) {
            Rows.add(weights, keyMask.rsub(1).muli(MASKED).reshape(rows, 1, length), weights);
        }
        Rows.sub(weights, weights.max(2).reshape(rows, length, 1), weights);
        Transforms.exp(weights, false);
        Rows.div(weights, alongRows(weights), weights);
        if (keyMask != null) {
            Rows.mul(weights, keyMask.reshape(rows, length, 1), weights);
        }
        return new Pass(q, k, values, weights, Nd4j.matmul(weights, values));
    }

    /** The sums of {@code x [R, T, T]} along its last axis, as {@code [R, T, 1]}. */
    private static INDArray alongRows(INDArray x) {
        return Rows.sums(x.reshape(x.size(0) * x.size(1), x.size(2))).reshape(x.size(0), x.size(1), 1);
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
            Rows.sub(dScores, alongRows(dScores.mul(weights)), dScores);
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
