package ai.lion.core.inference;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import ai.lion.core.attention.LionAttention;
import ai.lion.core.attention.LionInputs;
import ai.lion.core.attention.MaskType;
import ai.lion.core.layers.LionAttentionSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastDivOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One LION block evaluated with a linear-memory form of the LION operator: the hidden states
 * {@code x [B, L, C]} are updated in place. Position-wise work runs in row blocks; the attention
 * runs once per scan through {@link LionAttention} (CHUNK or RNN), unnormalised, on values with an
 * appended column of ones, so that it returns numerator and denominator, which are averaged over the
 * scans and divided as {@code num / (den + 1e-6)}. The queries carry the {@code d^-1/2} scale, as in
 * the DL4J layer. Nothing of size L×L is ever built.
 */
final class InferenceBlock {

    private final BlockWeights weights;
    private final LionAttention attention;
    private final int rowBlock;
    private final long width;
    private final long heads;
    private final long headDim;
    private final DataType dataType;

    InferenceBlock(BlockWeights weights, LionAttention attention, int rowBlock) {
        this.weights = weights;
        this.attention = attention;
        this.rowBlock = rowBlock;
        this.width = weights.width();
        this.heads = weights.heads();
        this.headDim = weights.headDim();
        this.dataType = weights.dataType();
    }

    /**
     * Applies the block to {@code x [B, L, C]} (c-order), in place.
     *
     * @param mask the key padding mask {@code [B, L]} (1 = real position), or null if every position is real
     */
    void applyInPlace(INDArray x, INDArray mask) {
        long batch = x.size(0);
        long length = x.size(1);
        Projections projections = new Projections(batch, length);
        RowBlocks.forEach(batch, length, rowBlock, (b, start, end) -> project(x, projections, b, start, end));
        INDArray sums = attend(projections, mask);
        projections.release();
        RowBlocks.forEach(batch, length, rowBlock, (b, start, end) -> mixAndFeedForward(x, sums, b, start, end));
        sums.close();
    }

    /** The attention operands of every head [B, H, L, ·], filled block by block. */
    private final class Projections {
        final INDArray q;
        final INDArray k;
        /** v with a last column of ones, [B, H, L, d + 1]. */
        final INDArray values;
        /** SELECTIVE: log a [B, H, L] of each scan. */
        final INDArray[] logDecays;

        Projections(long batch, long length) {
            q = Nd4j.createUninitialized(dataType, batch, heads, length, headDim);
            k = Nd4j.createUninitialized(dataType, batch, heads, length, headDim);
            values = Nd4j.createUninitialized(dataType, batch, heads, length, headDim + 1);
            values.get(all(), all(), all(), point(headDim)).assign(1);
            logDecays = new INDArray[weights.maskType() == MaskType.SELECTIVE ? weights.scanCount() : 0];
            for (int scan = 0; scan < logDecays.length; scan++) {
                logDecays[scan] = Nd4j.createUninitialized(dataType, batch, heads, length);
            }
        }

        /** The positions {@code [start, end)} of sequence b of a [B, H, L, ·] array: [H, n, ·]. */
        INDArray rows(INDArray perHead, long b, long start, long end) {
            return perHead.get(point(b), all(), interval(start, end), all());
        }

        void release() {
            q.close();
            k.close();
            values.close();
            for (INDArray logDecay : logDecays) {
                logDecay.close();
            }
        }
    }

    /** LN1, the q/k/v projection, feature maps and gates of positions {@code [start, end)} of sequence b. */
    private void project(INDArray x, Projections p, long b, long start, long end) {
        long n = end - start;
        INDArray normed = weights.norm1().apply(x.get(point(b), interval(start, end), all()));
        INDArray qkv = weights.qkv().apply(normed);
        INDArray q = RowMaps.featureMap(columns(qkv, 0), weights.maskType(), headDim).muli(1.0 / Math.sqrt(headDim));
        INDArray k = RowMaps.featureMap(columns(qkv, 1), weights.maskType(), headDim);
        p.rows(p.q, b, start, end).assign(perHead(q, n));
        p.rows(p.k, b, start, end).assign(perHead(k, n));
        p.rows(p.values, b, start, end).get(all(), all(), interval(0, headDim)).assign(perHead(columns(qkv, 2).dup('c'), n));
        for (int scan = 0; scan < p.logDecays.length; scan++) {
            INDArray logits = weights.gate(scan).apply(normed);
            p.logDecays[scan].get(point(b), all(), interval(start, end))
                    .assign(RowMaps.negativeSoftplusInPlace(logits).transpose());
        }
    }

    /**
     * The num/den sums [B, H, L, d + 1] of every head, averaged over the scans. The operator's own
     * temporaries live in {@link ScratchMemory} for the duration of each scan.
     */
    private INDArray attend(Projections p, INDArray mask) {
        INDArray total = Nd4j.zeros(dataType, p.values.shape());
        for (int scan = 0; scan < weights.scanCount(); scan++) {
            try (MemoryWorkspace scratch = ScratchMemory.scope()) {
                ScanOrder order = weights.scanOrder(scan);
                LionInputs.Builder inputs = LionInputs.builder(weights.maskType())
                        .q(toScan(order, p.q, 2))
                        .k(toScan(order, p.k, 2))
                        .v(toScan(order, p.values, 2));
                if (weights.maskType() == MaskType.DECAY) {
                    inputs.lambda(weights.decays(scan));
                } else if (weights.maskType() == MaskType.SELECTIVE) {
                    inputs.logA(toScan(order, p.logDecays[scan], 2));
                }
                if (mask != null) {
                    inputs.keyMask(toScan(order, mask, 1));
                }
                INDArray sums = attention.apply(inputs.build());
                total.addi(order == null ? sums : order.toSequence(sums, 2));
            }
        }
        return weights.scanCount() == 1 ? total : total.muli(1.0 / weights.scanCount());
    }

    /** The attention output, projection, residual, LN2, MLP and residual of positions {@code [start, end)} of sequence b. */
    private void mixAndFeedForward(INDArray x, INDArray sums, long b, long start, long end) {
        INDArray rows = x.get(point(b), interval(start, end), all());
        rows.addi(weights.projection().apply(normalise(sums.get(point(b), all(), interval(start, end), all()))));
        INDArray hidden = RowMaps.geluInPlace(weights.fc1().apply(weights.norm2().apply(rows)));
        rows.addi(weights.fc2().apply(hidden));
    }

    /** {@code num / (den + eps)} of the sums [H, n, d + 1] of n positions, merged over the heads: [n, C]. */
    private INDArray normalise(INDArray sums) {
        long n = sums.size(1);
        INDArray denominators = sums.get(all(), all(), point(headDim)).add(LionAttentionSpec.EPS);
        INDArray perHead = Nd4j.createUninitialized(dataType, heads, n, headDim);
        Nd4j.exec(new BroadcastDivOp(sums.get(all(), all(), interval(0, headDim)), denominators, perHead, 0, 1));
        return perHead.permute(1, 0, 2).dup('c').reshape(n, width);
    }

    private static INDArray toScan(ScanOrder order, INDArray x, int axis) {
        return order == null ? x : order.toScan(x, axis);
    }

    /** Column block {@code block} (0 = q, 1 = k, 2 = v) of the qkv rows [n, 3C]: a view [n, C]. */
    private INDArray columns(INDArray qkv, int block) {
        return qkv.get(all(), interval(block * width, (block + 1) * width));
    }

    /** Contiguous rows [n, C] as a per-head view [H, n, d]. */
    private INDArray perHead(INDArray rows, long n) {
        return rows.reshape(n, heads, headDim).permute(1, 0, 2);
    }
}
