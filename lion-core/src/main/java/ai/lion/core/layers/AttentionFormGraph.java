package ai.lion.core.layers;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The ATTENTION form: the full {@code T×T} masked score matrix per batch-head row, O(T²) memory.
 * Works for any T, known at build time or not.
 */
final class AttentionFormGraph implements LionOperatorGraph {

    private final SameDiff sd;

    AttentionFormGraph(SameDiff sd) {
        this.sd = sd;
    }

    @Override
    public SDVariable apply(SDVariable q, SDVariable k, SDVariable values, SDVariable logDecay) {
        SDVariable scores = sd.mmul(q, k, false, true, false);
        if (logDecay != null) {
            scores = scores.mul(sd.math.exp(logMask(logDecay)));
        }
        return sd.mmul(scores, values);
    }

    /**
     * {@code log M [R, T, T]} from {@code g = log a [R, T]}. With the exclusive prefix sum
     * {@code P[m] = sum_{t<m} g_t} and the inclusive one {@code Q[m] = P[m+1]}:
     * {@code log M[i][j] = P[i] - P[j]} for i >= j and {@code Q[j] - Q[i]} for i < j. Both branches
     * equal minus a sum of |g| over a range, and the branch not taken is >= 0 while the branch taken
     * is <= 0, so the entry is simply {@code min(P[i] - P[j], Q[j] - Q[i])}: every exponent is <= 0
     * and no triangular selector is needed.
     */
    private SDVariable logMask(SDVariable logDecay) {
        SDVariable exclusive = GraphOps.prefixSums(sd, logDecay, true);
        SDVariable inclusive = GraphOps.prefixSums(sd, logDecay, false);
        SDVariable forward = sd.expandDims(exclusive, 2).sub(sd.expandDims(exclusive, 1));
        SDVariable backward = sd.expandDims(inclusive, 1).sub(sd.expandDims(inclusive, 2));
        return sd.math.min(forward, backward);
    }
}
