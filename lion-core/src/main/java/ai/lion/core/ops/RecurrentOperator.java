package ai.lion.core.ops;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Reverse;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The RNN form, forward only (inference): the sums of {@link LionOperator} from a forward and a
 * backward scan over the positions, each carrying a state {@code S [d, f]} per row.
 * <pre>
 * forward  i = 0..T-1:  S = a_{i-1} S + k_i valuesᵢᵀ    sums_i  = q_iᵀ S
 * backward i = T-1..0:  S = a_{i+1} S + k_i valuesᵢᵀ    sums_i += q_iᵀ S
 * sums_i -= (q_i · k_i) values_i                          (the diagonal, counted by both scans)
 * </pre>
 * Both scans run as one over 2R lanes (lanes R..2R-1 read the rows reversed), one set of batched ND4J
 * ops per position: linear time, and extra memory O(R·(T·f + d·f)) with no per-position state.
 * {@link Pass#backward} throws: a trainable layer uses ATTENTION or CHUNK.
 */
public final class RecurrentOperator implements LionOperator {

    private static final MMulTranspose PLAIN = MMulTranspose.allFalse();

    @Override
    public Pass forward(INDArray q, INDArray k, INDArray values, INDArray logDecay) {
        return new RecurrentPass(new Scan(q, k, values, logDecay).run());
    }

    private record RecurrentPass(INDArray sums) implements Pass {

        @Override
        public Gradients backward(INDArray dSums) {
            throw new UnsupportedOperationException(
                    "the RNN form is inference-only and has no backward pass; train with ATTENTION or CHUNK");
        }
    }

    /** The lanes of both directions, position-major ({@code [T, 2R, ·]}) so that each step reads contiguous rows. */
    private static final class Scan {
        private final long rows;
        private final long lanes;
        private final long dim;
        private final long width;
        private final INDArray q;
        private final INDArray k;
        private final INDArray values;
        private final INDArray decays;

        Scan(INDArray q, INDArray k, INDArray values, INDArray logDecay) {
            rows = q.size(0);
            lanes = 2 * rows;
            dim = q.size(2);
            width = values.size(2);
            this.q = lanes(q);
            this.k = lanes(k);
            this.values = lanes(values);
            decays = logDecay == null ? null : lanes(Transforms.exp(logDecay, true));
        }

        /** The sums {@code [R, T, f]}. */
        INDArray run() {
            long length = q.size(0);
            INDArray out = Nd4j.zeros(q.dataType(), length, lanes, width);
            INDArray state = Nd4j.zeros(q.dataType(), lanes, dim, width);
            INDArray flatState = state.reshape(lanes, dim * width);
            for (long step = 0; step < length; step++) {
                if (decays != null && step > 0) {
                    Nd4j.exec(new BroadcastMulOp(flatState, decays.slice(step - 1), flatState, 0));
                }
                Nd4j.exec(new Mmul(k.slice(step).reshape(lanes, dim, 1), values.slice(step).reshape(lanes, 1, width),
                        state, 1.0, 1.0, PLAIN));
                Nd4j.exec(new Mmul(q.slice(step).reshape(lanes, 1, dim), state,
                        out.slice(step).reshape(lanes, 1, width), 1.0, 0.0, PLAIN));
            }
            INDArray forward = forwardLanes(out);
            INDArray backward = reverse(out.get(all(), interval(rows, lanes), all()));
            INDArray diagonal = forwardLanes(q).mul(forwardLanes(k)).sum(2);
            INDArray counted = forwardLanes(values).dup('c');
            Nd4j.exec(new BroadcastMulOp(counted, diagonal, counted, 0, 1));
            return forward.add(backward).subi(counted).permute(1, 0, 2).dup('c');
        }

        private INDArray forwardLanes(INDArray x) {
            return x.get(all(), interval(0, rows), all());
        }

        /** {@code [R, T, ·] -> [T, 2R, ·]}: the rows position-major, then the same reversed. */
        private static INDArray lanes(INDArray x) {
            INDArray positionMajor = x.swapAxes(0, 1).dup('c');
            return Nd4j.concat(1, positionMajor, reverse(positionMajor));
        }

        /** {@code x} reversed along its first (position) axis. */
        private static INDArray reverse(INDArray x) {
            return Nd4j.exec(new Reverse(x.dup('c'), 0))[0];
        }
    }
}
