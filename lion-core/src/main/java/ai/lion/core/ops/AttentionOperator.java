package ai.lion.core.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The ATTENTION form: the whole {@code T×T} masked score matrix per batch-head row, O(T²) memory.
 *
 * <p>Backward, with {@code A = S ⊙ M}, {@code S = q kᵀ}: {@code dA = dSums valuesᵀ},
 * {@code dValues = Aᵀ dSums}, {@code dS = dA ⊙ M}, {@code dq = dS k}, {@code dk = dSᵀ q}. The mask's
 * log, {@code log M[i][j] = P[i] - P[j]} below the diagonal and {@code Q[j] - Q[i]} above it (P the
 * exclusive, Q the inclusive prefix sums of log a), receives {@code G = dA ⊙ A}; so
 * {@code dP = rowsum(L) - colsum(L)} and {@code dQ = colsum(U) - rowsum(U)} for the strict lower and
 * upper parts L, U of G, and {@code dlog a[t] = sum_{m>t} dP[m] + sum_{m>=t} dQ[m]}.
 */
public final class AttentionOperator implements LionOperator {

    @Override
    public Pass forward(INDArray q, INDArray k, INDArray values, INDArray logDecay) {
        INDArray scores = Nd4j.matmul(q, k, false, true, false);
        INDArray mask = null;
        if (logDecay != null) {
            mask = DecayMasks.full(logDecay);
            scores.muli(mask);
        }
        INDArray sums = Nd4j.matmul(scores, values);
        return new AttentionPass(q, k, values, mask, scores, sums);
    }

    private record AttentionPass(INDArray q, INDArray k, INDArray values, INDArray mask, INDArray weights,
                                 INDArray sums) implements Pass {

        @Override
        public Gradients backward(INDArray dSums) {
            INDArray dWeights = Nd4j.matmul(dSums, values, false, true, false);
            INDArray dValues = Nd4j.matmul(weights, dSums, true, false, false);
            INDArray dLogDecay = null;
            INDArray dScores = dWeights;
            if (mask != null) {
                dLogDecay = DecayMasks.logDecayGradient(dWeights.mul(weights));
                dScores = dWeights.muli(mask);
            }
            INDArray dq = Nd4j.matmul(dScores, k);
            INDArray dk = Nd4j.matmul(dScores, q, true, false, false);
            return new Gradients(dq, dk, dValues, dLogDecay);
        }
    }
}
