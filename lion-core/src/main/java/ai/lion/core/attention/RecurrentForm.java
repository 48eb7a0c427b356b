package ai.lion.core.attention;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Reverse;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The RNN form: a forward and a backward scan over the positions with a state
 * {@code S = Σ_j (decay) k_j [v_j, 1]ᵀ} of d × width per head.
 *
 * <pre>
 * forward  i = 0..L-1:  S = a_{i-1} S + k_i [v_i,1]ᵀ    out_i  = q_iᵀ S
 * backward i = L-1..0:  S = a_{i+1} S + k_i [v_i,1]ᵀ    out_i += q_iᵀ S
 * out_i -= (q_i · k_i) [v_i, 1]                         (the diagonal, counted by both scans)
 * </pre>
 *
 * The two scans are independent and run as one: lanes 0..N-1 read the sequences forward and lanes
 * N..2N-1 read reversed copies, so in every lane a step decays the state by the decay of the position
 * the lane read before, and each step is one set of batched ND4J ops over all 2N lanes. Only
 * per-position sums are stored, never per-position states: extra memory O(N·(L·d + d²)).
 */
final class RecurrentForm extends BatchedForm {

    RecurrentForm(LionOptions options) {
        super(options);
    }

    @Override
    INDArray sums(HeadBatch heads) {
        Scan scan = new Scan(heads);
        scan.run();
        return scan.sums();
    }

    /** The lanes of both directions, position-major ([L, 2N, ·]) so that each step reads contiguous rows. */
    private static final class Scan {
        private final long sequences;
        private final long lanes;
        private final int length;
        private final long dim;
        private final long width;
        private final INDArray q;
        private final INDArray k;
        private final INDArray values;
        private final INDArray decays;
        private final INDArray out;
        private final INDArray state;

        Scan(HeadBatch heads) {
            sequences = heads.sequences();
            lanes = 2 * sequences;
            length = Math.toIntExact(heads.length());
            dim = heads.dim();
            width = heads.width();
            q = lanes(heads.q());
            k = lanes(heads.k());
            values = lanes(heads.values());
            decays = heads.decays() ? lanes(heads.decayFactors()) : null;
            out = Nd4j.zeros(heads.dataType(), length, lanes, width);
            state = Nd4j.zeros(heads.dataType(), lanes, dim, width);
        }

        void run() {
            for (int step = 0; step < length; step++) {
                if (decays != null && step > 0) {
                    BatchOps.scaleInPlace(state, decays.slice(step - 1));
                }
                BatchOps.addProduct(k.slice(step).reshape(lanes, dim, 1),
                        values.slice(step).reshape(lanes, 1, width), state);
                BatchOps.multiplyInto(q.slice(step).reshape(lanes, 1, dim), state,
                        out.slice(step).reshape(lanes, 1, width));
            }
        }

        /** Forward plus backward sums [N, L, width], with the diagonal term that both counted removed once. */
        INDArray sums() {
            INDArray forward = forwardLanes(out);
            INDArray backward = reverse(out.get(all(), interval(sequences, lanes), all()));
            INDArray diagonal = forwardLanes(q).mul(forwardLanes(k)).sum(2);
            return forward.add(backward).subi(BatchOps.scaleRows(forwardLanes(values), diagonal)).permute(1, 0, 2);
        }

        private INDArray forwardLanes(INDArray x) {
            return x.get(all(), interval(0, sequences), all());
        }

        /** [N, L, ·] → [L, 2N, ·]: the sequences position-major, then the same reversed. */
        private static INDArray lanes(INDArray x) {
            INDArray positionMajor = x.swapAxes(0, 1).dup('c');
            return Nd4j.concat(1, positionMajor, reverse(positionMajor));
        }

        /** x reversed along its first (position) axis. */
        private static INDArray reverse(INDArray x) {
            return Nd4j.exec(new Reverse(x.dup('c'), 0))[0];
        }
    }
}
