package ai.lion.core.attention;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The RNN form: a forward and a backward scan over the positions with a state
 * {@code S = Σ_j (decay) k_j [v_j, 1]ᵀ} of d × width per head, batched over all heads.
 *
 * <pre>
 * forward  i = 0..L-1:  S = a_{i-1} S + k_i [v_i,1]ᵀ    out_i  = q_iᵀ S
 * backward i = L-1..0:  S = a_{i+1} S + k_i [v_i,1]ᵀ    out_i += q_iᵀ S
 * out_i -= (q_i · k_i) [v_i, 1]                         (the diagonal, counted by both scans)
 * </pre>
 *
 * Only per-position sums are stored, never per-position states: extra memory O(N·(L·d + d²)).
 */
final class RecurrentForm extends BatchedForm {

    RecurrentForm(LionOptions options) {
        super(options);
    }

    @Override
    INDArray sums(HeadBatch heads) {
        Scan scan = new Scan(heads);
        scan.run(true);
        scan.run(false);
        return scan.sums();
    }

    /** Position-major copies of the inputs ([L, N, ·], so that each step reads contiguous rows) and the state. */
    private static final class Scan {
        private final long sequences;
        private final int length;
        private final long dim;
        private final long width;
        private final INDArray q;
        private final INDArray k;
        private final INDArray values;
        private final INDArray decays;
        private final INDArray sums;
        private final INDArray state;

        Scan(HeadBatch heads) {
            sequences = heads.sequences();
            length = Math.toIntExact(heads.length());
            dim = heads.dim();
            width = heads.width();
            q = positionMajor(heads.q());
            k = positionMajor(heads.k());
            values = positionMajor(heads.values());
            decays = heads.decays() ? heads.decayFactors().transpose().dup('c') : null;
            sums = Nd4j.zeros(heads.dataType(), length, sequences, width);
            state = Nd4j.zeros(heads.dataType(), sequences, dim, width);
        }

        /** One scan; the forward step decays by the previous position's a, the backward by the next one's. */
        void run(boolean forward) {
            state.assign(0);
            for (int step = 0; step < length; step++) {
                int i = forward ? step : length - 1 - step;
                if (decays != null && step > 0) {
                    BatchOps.scaleInPlace(state, decays.slice(forward ? i - 1 : i + 1));
                }
                BatchOps.addProduct(k.slice(i).reshape(sequences, dim, 1),
                        values.slice(i).reshape(sequences, 1, width), state);
                INDArray query = q.slice(i).reshape(sequences, 1, dim);
                INDArray out = sums.slice(i).reshape(sequences, 1, width);
                if (forward) {
                    BatchOps.multiplyInto(query, state, out);
                } else {
                    BatchOps.addProduct(query, state, out);
                }
            }
        }

        /** The sums of both scans [N, L, width], with the diagonal term that both counted removed once. */
        INDArray sums() {
            INDArray diagonal = q.mul(k).sum(2);
            return sums.sub(BatchOps.scaleRows(values, diagonal)).permute(1, 0, 2);
        }

        private static INDArray positionMajor(INDArray x) {
            return x.permute(1, 0, 2).dup('c');
        }
    }
}
