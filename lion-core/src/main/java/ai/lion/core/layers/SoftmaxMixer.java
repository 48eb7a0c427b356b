package ai.lion.core.layers;

import static ai.lion.core.layers.AttentionProjections.K;
import static ai.lion.core.layers.AttentionProjections.Q;
import static ai.lion.core.layers.AttentionProjections.V;

import java.util.Map;

import ai.lion.core.nn.Heads;
import ai.lion.core.ops.SoftmaxAttentionOperator;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Multi-head softmax attention on a token matrix {@code [B·T, C] -> [B·T, C]}, forward and backward,
 * with the projections of {@link LionMixer} (parameters: {@link ParameterTable#attention} of a spec
 * without decay):
 * <pre>
 *   q = (x Wq + bq) / √d,  k = x Wk + bk,  v = x Wv + bv
 *   y = softmax(q kᵀ + padding mask) v per head  ({@link SoftmaxAttentionOperator})
 *   out = y projW + projB
 * </pre>
 */
final class SoftmaxMixer implements TokenComputation {

    private final AttentionProjections projections;
    private final long heads;
    private final double queryScale;
    private final SoftmaxAttentionOperator operator = new SoftmaxAttentionOperator();

    SoftmaxMixer(LionAttentionSpec spec, long width) {
        this.projections = new AttentionProjections(width);
        this.heads = spec.heads();
        this.queryScale = 1.0 / Math.sqrt(width / heads);
    }

    /** What the backward needs from one forward pass. */
    private record Pass(INDArray input, Heads layout, SoftmaxAttentionOperator.Pass attention, INDArray merged,
                        INDArray output) implements TokenComputation.Pass {
    }

    /** The attention has no training noise: {@code training} changes nothing. */
    @Override
    public Pass forward(INDArray x, INDArray tokenMask, long batch, long length, Map<String, INDArray> params,
                        boolean training) {
        Heads layout = new Heads(batch, length, heads);
        INDArray q = layout.split(projections.project(x, params, Q).muli(queryScale));
        INDArray k = layout.split(projections.project(x, params, K));
        INDArray v = layout.split(projections.project(x, params, V));
        INDArray keyMask = tokenMask == null ? null : layout.repeatScalars(tokenMask);
        SoftmaxAttentionOperator.Pass attention = operator.forward(q, k, v, keyMask);
        INDArray merged = layout.merge(attention.output());
        return new Pass(x, layout, attention, merged, projections.output(merged, params));
    }

    @Override
    public INDArray backward(TokenComputation.Pass computed, INDArray dOut, Map<String, INDArray> params,
                             Map<String, INDArray> grads) {
        Pass pass = (Pass) computed;
        Heads layout = pass.layout();
        INDArray dMerged = projections.outputBackward(pass.merged(), params, grads, dOut);
        SoftmaxAttentionOperator.Gradients g = pass.attention().backward(layout.split(dMerged));
        INDArray dx = projections.projectBackward(pass.input(), params, grads, Q,
                layout.merge(g.dq()).muli(queryScale));
        dx.addi(projections.projectBackward(pass.input(), params, grads, K, layout.merge(g.dk())));
        return dx.addi(projections.projectBackward(pass.input(), params, grads, V, layout.merge(g.dValues())));
    }
}
