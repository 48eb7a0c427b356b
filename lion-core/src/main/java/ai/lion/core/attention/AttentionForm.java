package ai.lion.core.attention;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The ATTENTION form: {@code y = (Q Kᵀ ⊙ M) [V, 1]} with the whole L×L mask, batched over all heads.
 * Peak extra memory is two N×L×L arrays (mask and scores); a DECAY mask without padding is the same
 * for every batch entry and is built once per head.
 */
final class AttentionForm implements LionAttention {

    private final LionOptions options;

    AttentionForm(LionOptions options) {
        this.options = options;
    }

    @Override
    public INDArray apply(LionInputs inputs) {
        HeadBatch heads = HeadBatch.of(inputs, options);
        INDArray mask = heads.decays() ? mask(heads) : null;
        INDArray scores = Nd4j.matmul(heads.q(), heads.k(), false, true, false);
        if (mask != null) {
            if (mask.size(0) == scores.size(0)) {
                scores.muli(mask);
            } else {
                scores.reshape(scores.size(0) / mask.size(0), mask.length()).muliRowVector(mask.reshape(mask.length()));
            }
            BatchOps.release(mask);
        }
        INDArray sums = Nd4j.matmul(scores, heads.values());
        BatchOps.release(scores);
        return heads.output(sums);
    }

    /** [N, L, L], or [H, L, L] when the mask is the same for every batch entry. */
    private static INDArray mask(HeadBatch heads) {
        INDArray prefix = heads.prefixSums();
        if (heads.decaySharedAcrossBatch()) {
            prefix = prefix.get(interval(0, heads.heads()), all());
        }
        long length = heads.length();
        return DecayMask.block(prefix.get(all(), interval(0, length)), prefix.get(all(), interval(1, length + 1)),
                heads.dataType());
    }
}
