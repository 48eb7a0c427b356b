package ai.lion.core.ops;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.Arrays;
import java.util.List;

import ai.lion.core.nn.Rows;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The CHUNK form: the same sums as {@link AttentionOperator} in O(T·c) memory, c the chunk size.
 *
 * <p>The length is padded with inert positions (zero q, k, values and log a) to {@code T' = n·c} and
 * the rows are viewed as {@code R·n} chunks. Pairs inside one chunk go through the attention form on
 * the {@code [R·n, c, c]} chunk scores. A pair in different chunks factors through the chunk
 * boundaries: with P the exclusive prefix sums of log a over {@code 0..T'} and {@code s_m = m·c},
 * a query i in chunk n sees a key j in an earlier chunk m with
 * {@code log M = (P_i - P_{s_n}) + (P_{s_n} - P_{s_{m+1}}) + (P_{s_{m+1}} - P_j)}, and a key in a
 * later chunk with {@code log M = (P_{j+1} - P_{s_m}) + (P_{s_m} - P_{s_{n+1}}) + (P_{s_{n+1}} - P_{i+1})}.
 * So each direction scales the queries and keys within their chunks, reduces every chunk to a state
 * {@code k̃ᵀ values [d, f]}, mixes the states of all chunks with one {@code [R, n, n]} matrix of
 * boundary decays (zero on the diagonal and on the other direction's triangle) and reads the mix
 * with the scaled queries. Every exponent is built {@code <= 0}. Without decay one sweep with the
 * mixing matrix {@code 1 - I} covers both directions.
 *
 * <p>The backward reverses these batched products; the log-weight gradients
 * ({@code rowsum(dq̃ ⊙ q̃)}, {@code rowsum(dk̃ ⊙ k̃)}, {@code dW ⊙ W}) land on the entries of P they
 * were built from, and {@code dlog a[t] = sum_{m>t} dP[m]} is added to the gradient of the chunks'
 * attention form.
 *
 * <p>P and the log weights are float64 whatever the input type (they are O(T + n²)); only the weights
 * are cast, so long float32 sequences lose no accuracy to cancelling prefix sums.
 */
public final class ChunkOperator implements LionOperator {

    private static final AttentionOperator WITHIN = new AttentionOperator();

    private final int chunkSize;

    /** @param chunkSize at least 1; sequences no longer than it take the attention form whole */
    public ChunkOperator(int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be at least 1, was " + chunkSize);
        }
        this.chunkSize = chunkSize;
    }

    @Override
    public Pass forward(INDArray q, INDArray k, INDArray values, INDArray logDecay) {
        long length = q.size(1);
        if (length <= chunkSize) {
            return WITHIN.forward(q, k, values, logDecay);
        }
        Layout layout = new Layout(q.size(0), length, chunkSize);
        INDArray chunkQ = layout.chunked(q);
        INDArray chunkK = layout.chunked(k);
        INDArray chunkValues = layout.chunked(values);
        Pass within = WITHIN.forward(chunkQ, chunkK, chunkValues, logDecay == null ? null : layout.chunked(logDecay));
        // the chunks' own pass is private to this one, so its sums collect the other chunks' parts too
        INDArray sums = within.sums();
        List<Sweep> sweeps;
        if (logDecay == null) {
            INDArray others = DecayMasks.positionOrder(layout.chunks, q.dataType()).neq(0).castTo(q.dataType());
            INDArray mixing = DecayMasks.multiplyEach(
                    Nd4j.ones(q.dataType(), layout.rows, layout.chunks, layout.chunks), others);
            sweeps = List.of(new Sweep(layout, chunkQ, chunkK, chunkValues, mixing, null, null, null));
        } else {
            INDArray prefix = DecayMasks.prefixSums(
                    layout.padded(logDecay, layout.padded + 1).castTo(DataType.DOUBLE), true, false);
            sweeps = Arrays.stream(Direction.values())
                    .map(direction -> direction.sweep(layout, prefix, chunkQ, chunkK, chunkValues))
                    .toList();
        }
        for (Sweep sweep : sweeps) {
            sums.addi(Nd4j.matmul(sweep.q, sweep.mixed));
        }
        return new ChunkPass(layout, within, sweeps, logDecay != null, layout.unchunked(sums));
    }

    /** The padded geometry: {@code rows} batch-head rows of {@code length} positions in {@code chunks} chunks of {@code size}. */
    private record Layout(long rows, long length, long size, long chunks, long padded) {

        Layout(long rows, long length, long size) {
            this(rows, length, size, (length + size - 1) / size, (length + size - 1) / size * size);
        }

        /** {@code x [R, T, *]} padded with zeros to {@code [R, T', *]} and viewed as {@code [R·n, c, *]}. */
        INDArray chunked(INDArray x) {
            long[] shape = x.shape().clone();
            shape[0] = rows * chunks;
            shape[1] = size;
            return padded(x, padded).reshape(shape);
        }

        /** {@code x [R·n, c, *]} back to {@code [R, T, *]}. */
        INDArray unchunked(INDArray x) {
            long[] shape = x.shape().clone();
            shape[0] = rows;
            shape[1] = padded;
            return trimmed(x.reshape(shape));
        }

        /** {@code x [R, T', *]} without the padding. */
        INDArray trimmed(INDArray x) {
            return padded == length ? x : x.get(all(), interval(0, length)).dup();
        }

        /** {@code x [R, T, *]} with zeros appended along the positions up to {@code size} of them. */
        INDArray padded(INDArray x, long size) {
            if (x.size(1) == size) {
                return x;
            }
            long[] shape = x.shape().clone();
            shape[1] = size;
            INDArray out = Nd4j.zeros(x.dataType(), shape);
            out.get(all(), interval(0, x.size(1))).assign(x);
            return out;
        }

        /** The chunk boundaries {@code P[offset + m·c]}, {@code m < n}, of {@code prefix [R, T'+1]} (a view). */
        INDArray boundaries(INDArray prefix, long offset) {
            return prefix.get(all(), interval(offset, size, offset + padded - size + 1));
        }

        /** The positions {@code P[offset + t]}, {@code t < T'}, of {@code prefix [R, T'+1]} (a view). */
        INDArray positions(INDArray prefix, long offset) {
            return prefix.get(all(), interval(offset, offset + padded));
        }
    }

    /**
     * Where one direction takes its log weights in P, all times {@code sign}: the query weight
     * {@code P[i + rowOffset] - P[s_n + queryOffset]}, the key weight {@code P[s_m + keyOffset] - P[j + rowOffset]}
     * and the mixing weight {@code P[s_n + queryOffset] - P[s_m + keyOffset]} on the chunk pairs
     * {@code (n, m)} where {@code sign·(n - m) > 0}.
     */
    private enum Direction {
        /** Keys in earlier chunks: {@code P_i - P_{s_n}}, {@code P_{s_{m+1}} - P_j}, {@code P_{s_n} - P_{s_{m+1}}}. */
        EARLIER_KEYS(1, 0, 0, 1),
        /** Keys in later chunks: {@code P_{s_{n+1}} - P_{i+1}}, {@code P_{j+1} - P_{s_m}}, {@code P_{s_m} - P_{s_{n+1}}}. */
        LATER_KEYS(-1, 1, 1, 0);

        private final double sign;
        private final long rowOffset;
        private final long queryChunkOffset;
        private final long keyChunkOffset;

        /** Offsets in chunks for the boundaries (0: the chunk's start, 1: its end) and in positions for the rows. */
        Direction(double sign, long rowOffset, long queryChunkOffset, long keyChunkOffset) {
            this.sign = sign;
            this.rowOffset = rowOffset;
            this.queryChunkOffset = queryChunkOffset;
            this.keyChunkOffset = keyChunkOffset;
        }

        Sweep sweep(Layout layout, INDArray prefix, INDArray q, INDArray k, INDArray values) {
            INDArray rows = layout.positions(prefix, rowOffset).reshape(layout.rows, layout.chunks, layout.size);
            INDArray queryBoundaries = layout.boundaries(prefix, queryChunkOffset * layout.size);
            INDArray keyBoundaries = layout.boundaries(prefix, keyChunkOffset * layout.size);
            DataType dataType = q.dataType();
            INDArray queryWeights = Transforms.exp(minusEach(rows, queryBoundaries).muli(sign), false).castTo(dataType);
            INDArray keyWeights = Transforms.exp(minusEach(rows, keyBoundaries).muli(-sign), false).castTo(dataType);
            INDArray order = DecayMasks.positionOrder(layout.chunks, prefix.dataType());
            INDArray selector = (sign > 0 ? order.gt(0) : order.lt(0)).castTo(prefix.dataType());
            INDArray logMixing = DecayMasks.multiplyEach(
                    DecayMasks.differences(queryBoundaries, keyBoundaries).muli(sign), selector);
            INDArray mixing = DecayMasks.multiplyEach(Transforms.exp(logMixing, false), selector).castTo(dataType);
            long chunkRows = layout.rows * layout.chunks;
            return new Sweep(layout, q, k, values, mixing,
                    queryWeights.reshape(chunkRows, layout.size), keyWeights.reshape(chunkRows, layout.size), this);
        }

        /** Adds the gradients of this direction's log weights to {@code dPrefix [R, T'+1]}. */
        void addPrefixGradient(Layout layout, INDArray dQueryLog, INDArray dKeyLog, INDArray dMixingLog,
                INDArray dPrefix) {
            INDArray dQuery = dQueryLog.reshape(layout.rows, layout.chunks, layout.size);
            INDArray dKey = dKeyLog.reshape(layout.rows, layout.chunks, layout.size);
            layout.positions(dPrefix, rowOffset)
                    .addi(dQuery.sub(dKey).muli(sign).reshape(layout.rows, layout.padded));
            layout.boundaries(dPrefix, queryChunkOffset * layout.size)
                    .addi(dMixingLog.sum(2).subi(dQuery.sum(2)).muli(sign));
            layout.boundaries(dPrefix, keyChunkOffset * layout.size)
                    .addi(dKey.sum(2).subi(dMixingLog.sum(1)).muli(sign));
        }
    }

    /**
     * One direction's forward products on the chunked rows: the scaled queries and keys
     * {@code q, k [R·n, c, d]} (the inputs when there is no decay), the states {@code kᵀ values}
     * flattened to {@code [R, n, d·f]}, the mixing matrix {@code [R, n, n]} and the mixed states
     * {@code [R·n, d, f]} that the queries read. Without decay the weights and the direction are null.
     */
    private static final class Sweep {
        private final Layout layout;
        private final INDArray q;
        private final INDArray k;
        private final INDArray values;
        private final INDArray mixing;
        private final INDArray queryWeights;
        private final INDArray keyWeights;
        private final INDArray states;
        private final INDArray mixed;
        private final Direction direction;

        Sweep(Layout layout, INDArray q, INDArray k, INDArray values, INDArray mixing, INDArray queryWeights,
                INDArray keyWeights, Direction direction) {
            this.layout = layout;
            this.q = queryWeights == null ? q : scaleRows(q, queryWeights);
            this.k = keyWeights == null ? k : scaleRows(k, keyWeights);
            this.values = values;
            this.mixing = mixing;
            this.queryWeights = queryWeights;
            this.keyWeights = keyWeights;
            this.direction = direction;
            this.states = Nd4j.matmul(this.k, values, true, false, false).reshape(layout.rows, layout.chunks, -1);
            this.mixed = Nd4j.matmul(mixing, states).reshape(layout.rows * layout.chunks, q.size(2), values.size(2));
        }

        /** Adds this sweep's gradients to the chunked {@code dq, dk, dValues} and to {@code dPrefix} (null without decay). */
        void backward(INDArray dSums, INDArray dq, INDArray dk, INDArray dValues, INDArray dPrefix) {
            INDArray dScaledQ = Nd4j.matmul(dSums, mixed, false, true, false);
            INDArray dMixed = Nd4j.matmul(q, dSums, true, false, false).reshape(layout.rows, layout.chunks, -1);
            INDArray dStates = Nd4j.matmul(mixing, dMixed, true, false, false)
                    .reshape(layout.rows * layout.chunks, k.size(2), values.size(2));
            INDArray dScaledK = Nd4j.matmul(values, dStates, false, true, false);
            dValues.addi(Nd4j.matmul(k, dStates));
            if (direction == null) {
                dq.addi(dScaledQ);
                dk.addi(dScaledK);
                return;
            }
            INDArray dMixingLog = Nd4j.matmul(dMixed, states, false, true, false).muli(mixing);
            direction.addPrefixGradient(layout, dScaledQ.mul(q).sum(2), dScaledK.mul(k).sum(2), dMixingLog, dPrefix);
            dq.addi(scaleRows(dScaledQ, queryWeights));
            dk.addi(scaleRows(dScaledK, keyWeights));
        }
    }

    private record ChunkPass(Layout layout, Pass within, List<Sweep> sweeps, boolean decays, INDArray sums)
            implements Pass {

        @Override
        public Gradients backward(INDArray dSums) {
            INDArray chunkDSums = layout.chunked(dSums);
            Gradients local = within.backward(chunkDSums);
            INDArray dPrefix = decays ? Nd4j.zeros(dSums.dataType(), layout.rows, layout.padded + 1) : null;
            for (Sweep sweep : sweeps) {
                sweep.backward(chunkDSums, local.dq(), local.dk(), local.dValues(), dPrefix);
            }
            INDArray dLogDecay = null;
            if (decays) {
                INDArray fromPrefix = DecayMasks.prefixSums(dPrefix, true, true).get(all(), interval(0, layout.padded));
                dLogDecay = layout.trimmed(local.dLogDecay().reshape(layout.rows, layout.padded).add(fromPrefix));
            }
            return new Gradients(layout.unchunked(local.dq()), layout.unchunked(local.dk()),
                    layout.unchunked(local.dValues()), dLogDecay);
        }
    }

    /** {@code x[r][n][t] - y[r][n]} as a new array, for {@code x [R, n, c]} and {@code y [R, n]}. */
    private static INDArray minusEach(INDArray x, INDArray y) {
        return Rows.sub(x, y.reshape(x.size(0), x.size(1), 1), Nd4j.createUninitialized(x.dataType(), x.shape()));
    }

    /** {@code x[b][t][*] · weights[b][t]} as a new array. */
    private static INDArray scaleRows(INDArray x, INDArray weights) {
        return Rows.times(x, weights.reshape(x.size(0), x.size(1), 1));
    }
}
