package ai.lion.core.attention;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The ATTENTION form: {@code y = (Q Kᵀ ⊙ M) [V, 1]} with the whole L×L mask, batched over all heads.
 * Peak extra memory is two N×L×L arrays (mask and scores).
 */
final class AttentionForm implements LionAttention {

    private final LionOptions options;

    AttentionForm(LionOptions options) {
        this.options = options;
    }

    @Override
    public INDArray apply(LionInputs inputs) {
        HeadBatch heads = HeadBatch.of(inputs, options);
        INDArray mask = heads.decays() ? DecayMask.block(heads.prefixSums(), heads.dataType()) : null;
        INDArray scores = Nd4j.matmul(heads.q(), heads.k(), false, true, false);
        if (mask != null) {
            scores.muli(mask);
            BatchOps.release(mask);
        }
        INDArray sums = Nd4j.matmul(scores, heads.values());
        BatchOps.release(scores);
        return heads.output(sums);
    }
}
