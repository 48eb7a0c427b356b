package ai.lion.core.layers;

import static ai.lion.core.layers.AttentionProjections.K;
import static ai.lion.core.layers.AttentionProjections.Q;
import static ai.lion.core.layers.AttentionProjections.V;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ai.lion.core.attention.MaskType;
import ai.lion.core.nn.DecayGate;
import ai.lion.core.nn.FeatureMap;
import ai.lion.core.nn.Heads;
import ai.lion.core.nn.Linear;
import ai.lion.core.ops.LionOperator;
import ai.lion.core.ops.Normalization;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Multi-head LION attention on a token matrix {@code [B·T, C] -> [B·T, C]}, forward and backward
 * (parameters: {@link ParameterTable#attention}):
 * <pre>
 *   q = φ(x Wq + bq) / √d,  k = φ(x Wk + bk) (0 at padding),  v = x Wv + bv,  log a from the gate
 *   y = (num / (den + 1e-6)) per head, with [num, den] = LION operator of (q, k, [v, 1], log a)
 *   out = y projW + projB
 * </pre>
 * With the CURVE order the operator runs along the row snake and the column snake (each scan with its
 * own decay parameters), each result mapped back to raster order, and the two are averaged.
 */
final class LionMixer implements TokenComputation {

    private final LionAttentionSpec spec;
    private final AttentionProjections projections;
    private final long heads;
    private final long headDim;
    private final double queryScale;
    private final FeatureMap featureMap;
    private final LionOperator operator;
    private final ScanOrder[] scanOrders;

    LionMixer(LionAttentionSpec spec, long width) {
        this.spec = spec;
        this.projections = new AttentionProjections(width);
        this.heads = spec.heads();
        this.headDim = width / heads;
        this.queryScale = 1.0 / Math.sqrt(headDim);
        this.featureMap = FeatureMap.of(spec.maskType(), headDim);
        this.operator = LionOperator.of(spec.form(), spec.chunkSize());
        this.scanOrders = spec.patchOrder() == PatchOrder.CURVE
                ? new ScanOrder[]{ScanOrder.of("row snake", PatchCurves.rowSnake(spec.gridSide())),
                    ScanOrder.of("column snake", PatchCurves.columnSnake(spec.gridSide()))}
                : null;
    }

    /** What the backward needs from one forward pass. */
    static final class Pass implements TokenComputation.Pass {
        private final INDArray input;
        private final INDArray tokenMask;
        private final Heads layout;
        private FeatureMap.Pass queries;
        private FeatureMap.Pass keys;
        private final List<DecayGate.Pass> gates = new ArrayList<>();
        private final List<LionOperator.Pass> scans = new ArrayList<>();
        private Normalization.Pass normalization;
        private INDArray merged;
        private INDArray output;

        private Pass(INDArray input, INDArray tokenMask, Heads layout) {
            this.input = input;
            this.tokenMask = tokenMask;
            this.layout = layout;
        }

        @Override
        public INDArray output() {
            return output;
        }
    }

    /** The attention has no training noise: {@code training} changes nothing. */
    @Override
    public Pass forward(INDArray x, INDArray tokenMask, long batch, long length, Map<String, INDArray> params,
                        boolean training) {
        Pass pass = new Pass(x, tokenMask, new Heads(batch, length, heads));
        pass.queries = featureMap.forward(projections.project(x, params, Q));
        pass.keys = featureMap.forward(projections.project(x, params, K));
        INDArray q = pass.layout.split(pass.queries.output().mul(queryScale));
        INDArray keys = pass.keys.output();
        INDArray k = pass.layout.split(tokenMask == null ? keys : keys.mulColumnVector(tokenMask));
        INDArray values = Normalization.withOnes(pass.layout.split(projections.project(x, params, V)));

        INDArray sums;
        if (scanOrders == null) {
            INDArray g = logDecay(pass, x, params, 0);
            LionOperator.Pass scan = operator.forward(q, k, values, g);
            pass.scans.add(scan);
            sums = scan.sums();
        } else {
            sums = null;
            for (int s = 0; s < scanOrders.length; s++) {
                ScanOrder order = scanOrders[s];
                INDArray g = logDecay(pass, x, params, s);
                LionOperator.Pass scan = operator.forward(order.toScan(q, 1), order.toScan(k, 1),
                        order.toScan(values, 1), order.toScan(g, 1));
                pass.scans.add(scan);
                INDArray raster = order.toSequence(scan.sums(), 1);
                sums = sums == null ? raster : sums.addi(raster);
            }
            sums.muli(1.0 / scanOrders.length);
        }
        pass.normalization = Normalization.forward(sums, LionAttentionSpec.EPS);
        pass.merged = pass.layout.merge(pass.normalization.output());
        pass.output = projections.output(pass.merged, params);
        return pass;
    }

    @Override
    public INDArray backward(TokenComputation.Pass computed, INDArray dOut, Map<String, INDArray> params,
                             Map<String, INDArray> grads) {
        Pass pass = (Pass) computed;
        INDArray dMerged = projections.outputBackward(pass.merged, params, grads, dOut);
        INDArray dSums = Normalization.backward(pass.normalization, pass.layout.split(dMerged));

        INDArray dq;
        INDArray dk;
        INDArray dValues;
        List<INDArray> dLogDecays = new ArrayList<>();
        if (scanOrders == null) {
            LionOperator.Gradients g = pass.scans.get(0).backward(dSums);
            dq = g.dq();
            dk = g.dk();
            dValues = g.dValues();
            dLogDecays.add(g.dLogDecay());
        } else {
            dq = null;
            dk = null;
            dValues = null;
            dSums.muli(1.0 / scanOrders.length);
            for (int s = 0; s < scanOrders.length; s++) {
                ScanOrder order = scanOrders[s];
                LionOperator.Gradients g = pass.scans.get(s).backward(order.toScan(dSums, 1));
                dq = accumulate(dq, order.toSequence(g.dq(), 1));
                dk = accumulate(dk, order.toSequence(g.dk(), 1));
                dValues = accumulate(dValues, order.toSequence(g.dValues(), 1));
                dLogDecays.add(order.toSequence(g.dLogDecay(), 1));
            }
        }
        INDArray dqTokens = pass.layout.merge(dq).muli(queryScale);
        INDArray dx = projections.projectBackward(pass.input, params, grads, Q,
                featureMap.backward(pass.queries, dqTokens));
        INDArray dkTokens = pass.layout.merge(dk);
        if (pass.tokenMask != null) {
            dkTokens.muliColumnVector(pass.tokenMask);
        }
        dx.addi(projections.projectBackward(pass.input, params, grads, K,
                featureMap.backward(pass.keys, dkTokens)));
        dx.addi(projections.projectBackward(pass.input, params, grads, V,
                pass.layout.merge(dValues.get(all(), all(), interval(0, headDim)))));
        for (int s = 0; s < pass.gates.size(); s++) {
            INDArray dLogits = DecayGate.backward(pass.gates.get(s), pass.layout.mergeScalars(dLogDecays.get(s)));
            if (spec.maskType() == MaskType.SELECTIVE) {
                dx.addi(Linear.backward(pass.input, params.get(ParameterTable.gateWeight(s)), dLogits,
                        grads.get(ParameterTable.gateWeight(s)), grads.get(ParameterTable.gateBias(s)), true));
            } else {
                // logits = -decay for every token
                grads.get(ParameterTable.decay(s)).assign(dLogits.sum(true, 0).negi());
            }
        }
        return dx;
    }

    /** {@code log a} of scan {@code scan} in head layout {@code [B·H, T]}, or null for LIT. */
    private INDArray logDecay(Pass pass, INDArray x, Map<String, INDArray> params, int scan) {
        if (spec.maskType() == MaskType.LIT) {
            return null;
        }
        INDArray logits;
        if (spec.maskType() == MaskType.SELECTIVE) {
            logits = Linear.forward(x, params.get(ParameterTable.gateWeight(scan)),
                    params.get(ParameterTable.gateBias(scan)));
        } else {
            logits = DecayGate.decayLogits(params.get(ParameterTable.decay(scan)), x.size(0));
        }
        DecayGate.Pass gate = DecayGate.forward(logits, pass.tokenMask);
        pass.gates.add(gate);
        return pass.layout.splitScalars(gate.logDecay());
    }

    private static INDArray accumulate(INDArray sum, INDArray term) {
        return sum == null ? term : sum.addi(term);
    }
}
