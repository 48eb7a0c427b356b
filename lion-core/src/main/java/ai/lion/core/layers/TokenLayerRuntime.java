package ai.lion.core.layers;

import java.util.Arrays;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The runtime of every {@link TokenLayer}: moves NCW input {@code [B, C, T]} and its feature mask to
 * token rows {@code [B·T, C]}, runs the layer's {@link TokenComputation}, and moves the result back
 * (its rows per sequence give the output length). A training forward pass runs inside DL4J's
 * activations workspace, so what it keeps for the backward pass lives until that pass (and is never
 * recomputed); inference passes keep nothing.
 */
final class TokenLayerRuntime extends BaseLayer<TokenLayer> {

    private final TokenComputation computation;
    private TokenComputation.Pass lastPass;
    private long[] lastShape;

    TokenLayerRuntime(NeuralNetConfiguration conf, DataType dataType, TokenComputation computation) {
        super(conf, dataType);
        this.computation = computation;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        layerConf().validateInput(input);
        long batch = input.size(0);
        long length = input.size(2);
        lastPass = null;
        if (training) {
            try (MemoryWorkspace ignored = cacheScope(workspaceMgr)) {
                lastPass = forward(true, batch, length);
                lastShape = input.shape();
                return toSequences(lastPass.output(), batch, null, ArrayType.ACTIVATIONS);
            }
        }
        return toSequences(forward(false, batch, length).output(), batch, workspaceMgr, ArrayType.ACTIVATIONS);
    }

    /**
     * Where a training pass allocates: DL4J's activations workspace, which lives until the backward
     * pass has run (null when it is already the current workspace).
     */
    private static MemoryWorkspace cacheScope(LayerWorkspaceMgr workspaceMgr) {
        if (workspaceMgr.isScopedOut(ArrayType.ACTIVATIONS)) {
            return Nd4j.getWorkspaceManager().scopeOutOfWorkspaces();
        }
        MemoryWorkspace current = Nd4j.getMemoryManager().getCurrentWorkspace();
        if (current != null && current.getId().equals(workspaceMgr.getWorkspaceName(ArrayType.ACTIVATIONS))) {
            return null;
        }
        return workspaceMgr.notifyScopeBorrowed(ArrayType.ACTIVATIONS);
    }

    private TokenComputation.Pass forward(boolean training, long batch, long length) {
        INDArray tokenMask = maskArray == null ? null
                : maskArray.castTo(input.dataType()).reshape('c', batch * length, 1);
        return computation.forward(toTokens(input), tokenMask, batch, length, params, training);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        if (lastPass == null || !Arrays.equals(lastShape, input.shape())) {
            throw new IllegalStateException("layer " + layerConf().getLayerName()
                    + ": backpropagation needs a training forward pass (activate(true)) on the same input first");
        }
        INDArray dTokens = computation.backward(lastPass, toTokens(epsilon), params, gradientViews);
        lastPass = null;
        Gradient gradient = new DefaultGradient(gradientsFlattened);
        gradientViews.forEach(gradient::setGradientFor);
        return new Pair<>(gradient, toSequences(dTokens, input.size(0), workspaceMgr, ArrayType.ACTIVATION_GRAD));
    }

    /** Keeps the input mask for the computation and passes on the layer's output mask. */
    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray mask, MaskState state, int minibatch) {
        super.feedForwardMaskArray(mask, state, minibatch);
        return layerConf().feedForwardMaskArray(mask, state, minibatch);
    }

    @Override
    public void clear() {
        super.clear();
        lastPass = null;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public Type type() {
        return Type.RECURRENT;
    }

    /** {@code [B, C, T] -> [B·T, C]}, a new array. */
    private static INDArray toTokens(INDArray ncw) {
        return ncw.permute(0, 2, 1).dup('c').reshape('c', ncw.size(0) * ncw.size(2), ncw.size(1));
    }

    /** {@code [B·T, C] -> [B, C, T]} in the workspace of {@code type}, or the current one when no manager is given. */
    private static INDArray toSequences(INDArray tokens, long batch, LayerWorkspaceMgr workspaceMgr, ArrayType type) {
        long width = tokens.size(1);
        long length = tokens.size(0) / batch;
        long[] shape = {batch, width, length};
        INDArray out = workspaceMgr == null ? Nd4j.createUninitialized(tokens.dataType(), shape, 'c')
                : workspaceMgr.createUninitialized(type, tokens.dataType(), shape, 'c');
        return out.assign(tokens.reshape('c', batch, length, width).permute(0, 2, 1));
    }
}
