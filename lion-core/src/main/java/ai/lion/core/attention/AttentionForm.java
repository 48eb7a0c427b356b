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
final class AttentionForm extends BatchedForm {

    AttentionForm(LionOptions options) {
        super(options);
    }

    @Override
    INDArray sums(HeadBatch heads) {
        INDArray mask = heads.decays() ? mask(heads) : null;
        INDArray scores = Nd4j.matmul(heads.q(), heads.k(), false, true, false);
        if (mask != null) {
            multiplyByMask(scores, mask);
            BatchOps.release(mask);
        }
        INDArray sums = Nd4j.matmul(scores, heads.values());
        BatchOps.release(scores);
        return sums;
    }

    /** {@code scores ⊙ mask} in place; a mask of fewer entries than scores repeats for every batch entry. */
    private static void multiplyByMask(INDArray scores, INDArray mask) {
        long repeats = scores.size(0) / mask.size(0);
        scores.reshape(repeats, mask.length()).muliRowVector(mask.reshape(mask.length()));
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
