package ai.lion.core.layers;

import java.util.Arrays;

import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The CHUNK form (lion-math §4, state passing), vectorised over chunks. The sequence (length T,
 * fixed at build time) is cut into n chunks of c = min(chunkSize, T) positions, the last one padded
 * with inert positions (k = 0, log a = 0). Per chunk it computes
 * <ul>
 *   <li>the intra-chunk part with the ATTENTION form on the {@code c×c} block;</li>
 *   <li>the chunk's forward and backward key states {@code sum_j w_j k_j values_j^T} ({@code d×f}),
 *       with the decay from each key to the chunk's far edge;</li>
 *   <li>the states every chunk receives from the chunks before and after it: the key states mixed by
 *       an {@code n×n} matrix of whole-chunk decays (strictly lower / upper triangular);</li>
 *   <li>the queries' read-out of those states, with the decay from the chunk's edge to the query.</li>
 * </ul>
 * Memory is O(T·c + n·d·f + n²) per batch-head row instead of O(T²). Every exponent is a sum of log
 * decays over a range, so it is <= 0; the prefix sums restart in every chunk.
 */
final class ChunkFormGraph implements LionOperatorGraph {

    private final SameDiff sd;
    private final AttentionFormGraph withinChunk;
    private final long length;
    private final long chunk;
    private final long chunks;
    private final long keyDim;
    private final long valueDim;
    private final DataType dataType;

    /**
     * @param length    T, the sequence length
     * @param chunkSize requested chunk length (capped at T)
     * @param keyDim    d, the width of q and k
     * @param valueDim  f, the width of values
     */
    ChunkFormGraph(SameDiff sd, long length, long chunkSize, long keyDim, long valueDim, DataType dataType) {
        if (length < 1 || chunkSize < 1) {
            throw new IllegalArgumentException("CHUNK form needs length >= 1 and chunkSize >= 1, got length "
                    + length + ", chunkSize " + chunkSize);
        }
        this.sd = sd;
        this.withinChunk = new AttentionFormGraph(sd);
        this.length = length;
        this.chunk = Math.min(chunkSize, length);
        this.chunks = (length + chunk - 1) / chunk;
        this.keyDim = keyDim;
        this.valueDim = valueDim;
        this.dataType = dataType;
    }

    @Override
    public SDVariable apply(SDVariable q, SDVariable k, SDVariable values, SDVariable logDecay) {
        SDVariable qc = sd.reshape(padTime(q, 3), -1, chunk, keyDim);
        SDVariable kc = sd.reshape(padTime(k, 3), -1, chunk, keyDim);
        SDVariable vc = sd.reshape(padTime(values, 3), -1, chunk, valueDim);
        SDVariable gc = logDecay == null ? null : sd.reshape(padTime(logDecay, 2), -1, chunk);

        SDVariable out = withinChunk.apply(qc, kc, vc, gc);
        if (chunks > 1) {
            // without decay (LIT) the states pass between chunks undecayed: log decay 0. It is built only
            // here, since a variable that no output uses breaks SameDiff's backward pass.
            SDVariable logDecays = gc != null ? gc
                    : sd.zerosLike(qc.get(SDIndex.all(), SDIndex.all(), SDIndex.point(0)));
            out = out.add(acrossChunks(qc, kc, vc, logDecays));
        }
        out = sd.reshape(out, -1, chunks * chunk, valueDim);
        return chunks * chunk == length ? out
                : out.get(SDIndex.all(), SDIndex.interval(0L, length), SDIndex.all());
    }

    /** Contributions of all keys outside a query's chunk, {@code [R·n, c, f]}. */
    private SDVariable acrossChunks(SDVariable qc, SDVariable kc, SDVariable vc, SDVariable gc) {
        SDVariable exclusive = GraphOps.prefixSums(sd, gc, true);  // log decay from the chunk start to a position
        SDVariable inclusive = GraphOps.prefixSums(sd, gc, false); // ... including the position itself
        SDVariable total = inclusive.get(SDIndex.all(), SDIndex.interval(chunk - 1, chunk)); // whole chunk, [R·n, 1]

        // key states: forward carries keys to the chunk's end, backward to its start
        SDVariable forwardState = keyState(kc, vc, total.sub(exclusive));
        SDVariable backwardState = keyState(kc, vc, inclusive);

        // whole-chunk decays between chunks m and n: exp(CP[n] - CPi[m]) for m < n, exp(CP[m] - CPi[n]) for m > n
        SDVariable chunkTotals = sd.reshape(total, -1, chunks);
        SDVariable cp = GraphOps.prefixSums(sd, chunkTotals, true);
        SDVariable cpi = GraphOps.prefixSums(sd, chunkTotals, false);
        SDVariable lower = strictTriangle(true);
        SDVariable upper = strictTriangle(false);
        SDVariable fromBefore = decayMatrix(sd.expandDims(cp, 2).sub(sd.expandDims(cpi, 1)), lower);
        SDVariable fromAfter = decayMatrix(sd.expandDims(cp, 1).sub(sd.expandDims(cpi, 2)), upper);

        SDVariable forwardIn = mixStates(fromBefore, forwardState);
        SDVariable backwardIn = mixStates(fromAfter, backwardState);

        // read-out: forward state decays from the chunk start to the query, backward from the chunk end
        SDVariable forwardRead = sd.mmul(scaleRows(qc, exclusive), forwardIn);
        SDVariable backwardRead = sd.mmul(scaleRows(qc, total.sub(inclusive)), backwardIn);
        return forwardRead.add(backwardRead);
    }

    /** {@code sum_j exp(logWeight_j) k_j v_j^T} per chunk: {@code [R·n, d, f]}. */
    private SDVariable keyState(SDVariable kc, SDVariable vc, SDVariable logWeight) {
        return sd.mmul(scaleRows(kc, logWeight), vc, true, false, false);
    }

    /** Rows of {@code x [M, c, w]} times {@code exp(logWeight [M, c])}. */
    private SDVariable scaleRows(SDVariable x, SDVariable logWeight) {
        return Broadcasts.multiply(sd, x, sd.expandDims(sd.math.exp(logWeight), 2));
    }

    /** {@code exp(logDecay)} where {@code selector} is 1, else 0; never exponentiates a positive value. */
    private SDVariable decayMatrix(SDVariable logDecay, SDVariable selector) {
        return sd.math.exp(logDecay.mul(selector)).mul(selector);
    }

    /** The state each chunk receives, {@code sum_m W[n][m] state_m}: {@code [R·n, d, f]}. */
    private SDVariable mixStates(SDVariable weights, SDVariable states) {
        SDVariable flat = sd.reshape(states, -1, chunks, keyDim * valueDim);
        return sd.reshape(sd.mmul(weights, flat), -1, keyDim, valueDim);
    }

    /** {@code [1, n, n]} with ones strictly below (or above) the diagonal. */
    private SDVariable strictTriangle(boolean below) {
        INDArray t = Nd4j.zeros(dataType, 1, chunks, chunks);
        for (int row = 0; row < chunks; row++) {
            for (int col = 0; col < chunks; col++) {
                if (below ? col < row : col > row) {
                    t.putScalar(0, row, col, 1.0);
                }
            }
        }
        return sd.constant(t);
    }

    /**
     * Appends {@code chunks·chunk - T} inert (zero) positions along the time axis (axis 1) of a
     * rank-2 or rank-3 tensor. The padding is shorter than a chunk, hence shorter than T.
     */
    private SDVariable padTime(SDVariable x, int rank) {
        long pad = chunks * chunk - length;
        if (pad == 0) {
            return x;
        }
        SDIndex[] head = new SDIndex[rank];
        Arrays.fill(head, SDIndex.all());
        head[1] = SDIndex.interval(0L, pad);
        return sd.concat(1, x, sd.zerosLike(x.get(head)));
    }
}
