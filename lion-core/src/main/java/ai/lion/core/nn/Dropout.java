package ai.lion.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inverted dropout and drop-path (stochastic depth) multipliers, drawn from ND4J's global random
 * generator (which DL4J seeds from the network's seed): a kept entry is {@code 1 / (1 - p)}, a dropped
 * one 0.
 */
public final class Dropout {

    private Dropout() {
    }

    /** Element-wise dropout multipliers shaped like {@code x}. */
    public static INDArray keep(INDArray x, double p) {
        return Nd4j.rand(x.dataType(), x.shape()).gte(p).castTo(x.dataType()).divi(1 - p);
    }

    /**
     * Multipliers of a residual branch on tokens {@code [B·T, C]}: dropout (rate {@code dropout}) times
     * one drop-path draw per sequence (rate {@code dropPath}), shared by its T tokens and C channels.
     */
    public static INDArray branchKeep(INDArray x, double dropout, double dropPath, long batch, long length) {
        INDArray keep = dropout > 0 ? keep(x, dropout) : Nd4j.ones(x.dataType(), x.shape());
        if (dropPath > 0) {
            INDArray perSequence = Nd4j.rand(x.dataType(), batch, 1).gte(dropPath).castTo(x.dataType())
                    .divi(1 - dropPath);
            INDArray perRow = keep.reshape(batch, length * x.size(1));
            Rows.mul(perRow, perSequence, perRow);
        }
        return keep;
    }
}
