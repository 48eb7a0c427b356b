package ai.lion.core.attention;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The CHUNK form: the positions are cut into chunks of C (the last one may be shorter); each chunk
 * gets its own masked C×C attention plus the contribution of every other chunk through a carried
 * d × width state, one sweep per direction. O(L·C·d + L·d²) time and no L×L array.
 *
 * <p>For a chunk [s, e) and exclusive prefix sums P of the log decays:
 * <pre>
 * forward : out_i += e^{P[i]-P[s]}   q_iᵀ F,   then F = e^{P[e]-P[s]} F + Σ_{j in chunk} e^{P[e]-P[j]}   k_j [v_j,1]ᵀ
 * backward: out_i += e^{P[e]-P[i+1]} q_iᵀ G,   then G = e^{P[e]-P[s]} G + Σ_{j in chunk} e^{P[j+1]-P[s]} k_j [v_j,1]ᵀ
 * </pre>
 * Every exponent is {@code <= 0}; see {@link ChunkWeights}.
 */
final class ChunkForm extends BatchedForm {

    ChunkForm(LionOptions options) {
        super(options);
    }

    @Override
    INDArray sums(HeadBatch heads) {
        int chunkSize = options().chunkSize();
        INDArray sums = Nd4j.zeros(heads.dataType(), heads.sequences(), heads.length(), heads.width());
        ChunkWeights weights = heads.decays()
                ? new ChunkWeights(heads.prefixSums(), chunkSize, heads.dataType())
                : null;
        List<Chunk> chunks = new ArrayList<>();
        for (long start = 0; start < heads.length(); start += chunkSize) {
            chunks.add(new Chunk(heads, sums, weights, start, Math.min(start + chunkSize, heads.length())));
        }
        for (Chunk chunk : chunks) {
            chunk.attendWithin();
        }
        INDArray state = Nd4j.zeros(heads.dataType(), heads.sequences(), heads.dim(), heads.width());
        for (Chunk chunk : chunks) {
            chunk.passState(state, chunk.forward);
        }
        state.assign(0);
        for (int c = chunks.size() - 1; c >= 0; c--) {
            chunks.get(c).passState(state, chunks.get(c).backward);
        }
        return sums;
    }

    /**
     * How one sweep direction weights a chunk's queries and keys (null weights: no decay).
     *
     * @param opensSweep whether the chunk comes first in this direction, so no state reaches it yet
     */
    private record Direction(boolean opensSweep, INDArray queryWeights, INDArray keyWeights, INDArray carry) {
    }

    /** Views of one chunk's rows and weights. */
    private static final class Chunk {
        private final HeadBatch heads;
        private final INDArray q;
        private final INDArray k;
        private final INDArray values;
        private final INDArray sums;
        private final INDArray before;
        private final INDArray through;
        private final Direction forward;
        private final Direction backward;

        Chunk(HeadBatch heads, INDArray allSums, ChunkWeights weights, long start, long end) {
            this.heads = heads;
            this.q = rows(heads.q(), start, end);
            this.k = rows(heads.k(), start, end);
            this.values = rows(heads.values(), start, end);
            this.sums = rows(allSums, start, end);
            boolean first = start == 0;
            boolean last = end == heads.length();
            if (weights == null) {
                before = null;
                through = null;
                forward = new Direction(first, null, null, null);
                backward = new Direction(last, null, null, null);
            } else {
                before = columns(weights.before, start, end);
                through = columns(weights.through, start, end);
                INDArray carry = weights.carry.get(all(), point(start));
                forward = new Direction(first, columns(weights.forwardQuery, start, end),
                        columns(weights.forwardKey, start, end), carry);
                backward = new Direction(last, columns(weights.backwardQuery, start, end),
                        columns(weights.backwardKey, start, end), carry);
            }
        }

        /** sums = (Q Kᵀ ⊙ M) [V, 1] within the chunk. */
        void attendWithin() {
            INDArray scores = Nd4j.matmul(q, k, false, true, false);
            if (before != null) {
                scores.muli(DecayMask.block(before, through, heads.dataType()));
            }
            BatchOps.multiplyInto(scores, values, sums);
        }

        /** Adds what the state carries from the chunks already swept, then moves the state past this chunk. */
        void passState(INDArray state, Direction direction) {
            if (!direction.opensSweep()) {
                BatchOps.addProduct(weighted(q, direction.queryWeights()), state, sums);
            }
            if (direction.carry() != null) {
                BatchOps.scaleInPlace(state, direction.carry());
            }
            BatchOps.addTransposedProduct(weighted(k, direction.keyWeights()), values, state);
        }

        private static INDArray weighted(INDArray rows, INDArray weights) {
            return weights == null ? rows : BatchOps.scaleRows(rows, weights);
        }

        private static INDArray rows(INDArray x, long start, long end) {
            return x.get(all(), interval(start, end), all());
        }

        private static INDArray columns(INDArray x, long start, long end) {
            return x.get(all(), interval(start, end));
        }
    }
}
