package ai.lion.core.inference;

import ai.lion.core.layers.ScanOrder;

import static ai.lion.core.layers.ParameterTable.FC1_B;
import static ai.lion.core.layers.ParameterTable.FC1_W;
import static ai.lion.core.layers.ParameterTable.FC2_B;
import static ai.lion.core.layers.ParameterTable.FC2_W;
import static ai.lion.core.layers.ParameterTable.LN1_BIAS;
import static ai.lion.core.layers.ParameterTable.LN1_GAIN;
import static ai.lion.core.layers.ParameterTable.LN2_BIAS;
import static ai.lion.core.layers.ParameterTable.LN2_GAIN;
import static ai.lion.core.layers.ParameterTable.PROJ_B;
import static ai.lion.core.layers.ParameterTable.PROJ_W;
import static ai.lion.core.layers.ParameterTable.QKV_B;
import static ai.lion.core.layers.ParameterTable.QKV_W;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import ai.lion.core.attention.MaskType;
import ai.lion.core.layers.LionAttentionSpec;
import ai.lion.core.layers.ParameterTable;
import ai.lion.core.nn.DecayGate;
import ai.lion.core.nn.FeatureMap;
import ai.lion.core.nn.Gelu;
import ai.lion.core.nn.Heads;
import ai.lion.core.nn.LayerNorm;
import ai.lion.core.nn.Linear;
import ai.lion.core.ops.LionOperator;
import ai.lion.core.ops.Normalization;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One pre-LN LION block on the hidden states {@code x [B, L, C]}, updated in place, with the training
 * layers' code ({@link ai.lion.core.nn}, {@link ai.lion.core.ops}) but linear memory: the position-wise
 * parts (LayerNorms, projections, feature maps, gates, MLP) run in row blocks of one sequence, and the
 * operator (CHUNK or RNN) runs once per scan over all B·H rows, on values with a column of ones; the
 * sums are averaged over the scans and normalised row block by row block. Nothing of size L×L is built.
 */
final class InferenceBlock {

    private final BlockWeights weights;
    private final LionOperator operator;
    private final FeatureMap featureMap;
    private final int rowBlock;
    private final long heads;
    private final long headDim;
    private final double queryScale;

    InferenceBlock(BlockWeights weights, LionOperator operator, int rowBlock) {
        this.weights = weights;
        this.operator = operator;
        this.featureMap = FeatureMap.of(weights.maskType(), weights.headDim());
        this.rowBlock = rowBlock;
        this.heads = weights.heads();
        this.headDim = weights.headDim();
        this.queryScale = 1.0 / Math.sqrt(headDim);
    }

    /**
     * Applies the block to {@code x [B, L, C]} (c-order), in place.
     *
     * @param mask the padding mask {@code [B, L]} (1 = real position), or null if every position is real
     */
    void applyInPlace(INDArray x, INDArray mask) {
        long batch = x.size(0);
        long length = x.size(1);
        Operands operands = new Operands(batch, length);
        RowBlocks.forEach(batch, length, rowBlock, (b, start, end) -> project(x, mask, operands, b, start, end));
        INDArray sums = attend(operands);
        operands.close();
        RowBlocks.forEach(batch, length, rowBlock, (b, start, end) -> mixAndFeedForward(x, sums, b, start, end));
        sums.close();
    }

    /** The operator's inputs for all B·H rows: q, k {@code [B·H, L, d]}, values with ones, log a of each scan. */
    private final class Operands {
        final INDArray q;
        final INDArray k;
        final INDArray values;
        /** {@code [B·H, L]} per scan; none for LIT. */
        final INDArray[] logDecays;

        Operands(long batch, long length) {
            q = Nd4j.createUninitialized(weights.dataType(), batch * heads, length, headDim);
            k = Nd4j.createUninitialized(weights.dataType(), batch * heads, length, headDim);
            values = Nd4j.createUninitialized(weights.dataType(), batch * heads, length, headDim + 1);
            values.get(all(), all(), point(headDim)).assign(1);
            logDecays = new INDArray[weights.maskType() == MaskType.LIT ? 0 : weights.scanCount()];
            for (int scan = 0; scan < logDecays.length; scan++) {
                logDecays[scan] = Nd4j.createUninitialized(weights.dataType(), batch * heads, length);
            }
        }

        void close() {
            q.close();
            k.close();
            values.close();
            for (INDArray logDecay : logDecays) {
                logDecay.close();
            }
        }
    }

    /** LN1, the qkv projection, feature maps and gates (as {@code LionMixer}) of positions {@code [start, end)} of sequence b. */
    private void project(INDArray x, INDArray mask, Operands operands, long b, long start, long end) {
        INDArray tokenMask = mask == null ? null : mask.get(point(b), interval(start, end)).reshape(end - start, 1);
        INDArray normed = LayerNorm.forward(rows(x, b, start, end), p(LN1_GAIN), p(LN1_BIAS)).output();
        INDArray qkv = Linear.forward(normed, p(QKV_W), p(QKV_B));
        Heads layout = new Heads(1, end - start, heads);
        INDArray q = featureMap.forward(columns(qkv, 0)).output().muli(queryScale);
        INDArray k = featureMap.forward(columns(qkv, 1)).output();
        if (tokenMask != null) {
            k.muliColumnVector(tokenMask);
        }
        headRows(operands.q, b, start, end).assign(layout.split(q));
        headRows(operands.k, b, start, end).assign(layout.split(k));
        headRows(operands.values, b, start, end).get(all(), all(), interval(0, headDim))
                .assign(layout.split(columns(qkv, 2)));
        for (int scan = 0; scan < operands.logDecays.length; scan++) {
            INDArray logits = weights.maskType() == MaskType.SELECTIVE
                    ? Linear.forward(normed, p(ParameterTable.gateWeight(scan)), p(ParameterTable.gateBias(scan)))
                    : DecayGate.decayLogits(p(ParameterTable.decay(scan)), end - start);
            headRows(operands.logDecays[scan], b, start, end)
                    .assign(layout.splitScalars(DecayGate.forward(logits, tokenMask).logDecay()));
        }
    }

    /**
     * The sums {@code [B·H, L, d + 1]} averaged over the scans, each scan in sequence order. The operator's
     * temporaries live in {@link ScratchMemory} for the duration of each scan.
     */
    private INDArray attend(Operands operands) {
        INDArray total = Nd4j.zeros(weights.dataType(), operands.values.shape());
        for (int scan = 0; scan < weights.scanCount(); scan++) {
            try (MemoryWorkspace scratch = ScratchMemory.scope()) {
                ScanOrder order = weights.scanOrder(scan);
                INDArray logDecay = operands.logDecays.length == 0 ? null : toScan(order, operands.logDecays[scan]);
                INDArray sums = operator.forward(toScan(order, operands.q), toScan(order, operands.k),
                        toScan(order, operands.values), logDecay).sums();
                total.addi(order == null ? sums : order.toSequence(sums, 1));
            }
        }
        return weights.scanCount() == 1 ? total : total.muli(1.0 / weights.scanCount());
    }

    /** The normalised attention, projection, residual, LN2, MLP and residual of positions {@code [start, end)} of sequence b. */
    private void mixAndFeedForward(INDArray x, INDArray sums, long b, long start, long end) {
        INDArray rows = rows(x, b, start, end);
        INDArray normalized = Normalization.forward(headRows(sums, b, start, end), LionAttentionSpec.EPS).output();
        rows.addi(Linear.forward(new Heads(1, end - start, heads).merge(normalized), p(PROJ_W), p(PROJ_B)));
        INDArray normed = LayerNorm.forward(rows, p(LN2_GAIN), p(LN2_BIAS)).output();
        INDArray hidden = Gelu.apply(Linear.forward(normed, p(FC1_W), p(FC1_B)));
        rows.addi(Linear.forward(hidden, p(FC2_W), p(FC2_B)));
    }

    private INDArray p(String name) {
        return weights.parameter(name);
    }

    /** Positions {@code [start, end)} of sequence b of {@code x [B, L, C]}: a view {@code [n, C]}. */
    private static INDArray rows(INDArray x, long b, long start, long end) {
        return x.get(point(b), interval(start, end), all());
    }

    /** Positions {@code [start, end)} of sequence b's H rows of {@code perRow [B·H, L, ·]} or {@code [B·H, L]}: a view. */
    private INDArray headRows(INDArray perRow, long b, long start, long end) {
        return perRow.rank() == 2 ? perRow.get(interval(b * heads, (b + 1) * heads), interval(start, end))
                : perRow.get(interval(b * heads, (b + 1) * heads), interval(start, end), all());
    }

    /** Column block {@code block} (0 = q, 1 = k, 2 = v) of the qkv rows {@code [n, 3C]}, contiguous {@code [n, C]}. */
    private INDArray columns(INDArray qkv, int block) {
        long width = weights.width();
        return qkv.get(all(), interval(block * width, (block + 1) * width)).dup('c');
    }

    private static INDArray toScan(ScanOrder order, INDArray x) {
        return order == null ? x : order.toScan(x, 1);
    }
}
