package ai.lion.core.attention;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

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
 * Every exponent is {@code <= 0}; the prefix sums are re-based at each chunk start in float64.
 */
final class ChunkForm implements LionAttention {

    private final LionOptions options;

    ChunkForm(LionOptions options) {
        this.options = options;
    }

    @Override
    public INDArray apply(LionInputs inputs) {
        HeadBatch heads = HeadBatch.of(inputs, options);
        INDArray sums = Nd4j.zeros(heads.dataType(), heads.sequences(), heads.length(), heads.width());
        List<Chunk> chunks = chunks(heads, sums);
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
        return heads.output(sums);
    }

    private List<Chunk> chunks(HeadBatch heads, INDArray sums) {
        INDArray prefix = heads.decays() ? heads.prefixSums() : null;
        long length = heads.length();
        List<Chunk> chunks = new ArrayList<>();
        for (long start = 0; start < length; start += options.chunkSize()) {
            long end = Math.min(start + options.chunkSize(), length);
            INDArray local = prefix == null ? null
                    : prefix.get(all(), interval(start, end + 1)).subColumnVector(prefix.get(all(), point(start))
                            .reshape(heads.sequences(), 1));
            chunks.add(new Chunk(heads, sums, start, end, local));
        }
        return chunks;
    }

    /** How one direction weights a chunk's queries and keys against the state it carries. */
    private record Direction(boolean first, INDArray queryWeights, INDArray keyWeights, INDArray carry) {
    }

    /** Views of one chunk's rows and the decay weights of both directions (null weights: no decay). */
    private static final class Chunk {
        private final DataType dataType;
        private final INDArray q;
        private final INDArray k;
        private final INDArray values;
        private final INDArray sums;
        private final INDArray localPrefix;
        private final Direction forward;
        private final Direction backward;

        /**
         * @param localPrefix [N, m + 1] float64 prefix sums re-based to 0 at the chunk start, or null
         */
        Chunk(HeadBatch heads, INDArray allSums, long start, long end, INDArray localPrefix) {
            this.dataType = heads.dataType();
            this.q = rows(heads.q(), start, end);
            this.k = rows(heads.k(), start, end);
            this.values = rows(heads.values(), start, end);
            this.sums = rows(allSums, start, end);
            this.localPrefix = localPrefix;
            boolean first = start == 0;
            boolean last = end == heads.length();
            if (localPrefix == null) {
                forward = new Direction(first, null, null, null);
                backward = new Direction(last, null, null, null);
            } else {
                long m = end - start;
                INDArray before = localPrefix.get(all(), interval(0, m));
                INDArray after = localPrefix.get(all(), interval(1, m + 1));
                INDArray total = localPrefix.get(all(), point(m)).reshape(localPrefix.size(0), 1);
                INDArray carry = weights(total);
                forward = new Direction(first, weights(before), weights(before.rsub(total)), carry);
                backward = new Direction(last, weights(after.rsub(total)), weights(after), carry);
            }
        }

        /** sums = (Q Kᵀ ⊙ M) [V, 1] within the chunk. */
        void attendWithin() {
            INDArray scores = Nd4j.matmul(q, k, false, true, false);
            if (localPrefix != null) {
                scores.muli(DecayMask.block(localPrefix, dataType));
            }
            BatchOps.multiplyInto(scores, values, sums);
        }

        /** Adds what the state carries from the chunks already swept, then moves the state past this chunk. */
        void passState(INDArray state, Direction direction) {
            if (!direction.first()) {
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

        /** exp of float64 log weights (all <= 0), in the data type of the inputs. */
        private INDArray weights(INDArray logWeights) {
            return Transforms.exp(logWeights, true).castTo(dataType);
        }

        private static INDArray rows(INDArray x, long start, long end) {
            return x.get(all(), interval(start, end), all());
        }
    }
}
