package ai.lion.core.layers;

import static ai.lion.core.layers.ParameterTable.FC1_B;
import static ai.lion.core.layers.ParameterTable.FC1_W;
import static ai.lion.core.layers.ParameterTable.FC2_B;
import static ai.lion.core.layers.ParameterTable.FC2_W;
import static ai.lion.core.layers.ParameterTable.LN1_BIAS;
import static ai.lion.core.layers.ParameterTable.LN1_GAIN;
import static ai.lion.core.layers.ParameterTable.LN2_BIAS;
import static ai.lion.core.layers.ParameterTable.LN2_GAIN;

import java.util.Map;

import ai.lion.core.nn.Dropout;
import ai.lion.core.nn.Gelu;
import ai.lion.core.nn.LayerNorm;
import ai.lion.core.nn.Linear;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The pre-LN block on a token matrix {@code [B·T, C]}, forward and backward, around the attention
 * mixer of its {@link LionAttentionSpec} (LION or softmax):
 * <pre>
 *   x = x + DropPath(Dropout(Attention(LayerNorm1(x))))
 *   x = x + DropPath(Dropout(Linear(Dropout(GELU(Linear(LayerNorm2(x), C -> rC))), rC -> C)))
 * </pre>
 * Dropout and drop-path masks are drawn in the training forward pass only and reused by its backward.
 */
final class BlockComputation implements TokenComputation {

    private final TokenComputation mixer;
    private final double dropout;
    private final double dropPath;

    BlockComputation(LionAttentionSpec spec, long width, double dropout, double dropPath) {
        this.mixer = spec.mixer(width);
        this.dropout = dropout;
        this.dropPath = dropPath;
    }

    /** What the backward needs from one forward pass. */
    static final class Pass implements TokenComputation.Pass {
        private LayerNorm.Pass norm1;
        private TokenComputation.Pass attention;
        private INDArray attentionKeep;
        private LayerNorm.Pass norm2;
        private Gelu.Pass hidden;
        private INDArray hiddenKeep;
        private INDArray dropped;
        private INDArray mlpKeep;
        private INDArray output;

        @Override
        public INDArray output() {
            return output;
        }
    }

    @Override
    public Pass forward(INDArray x, INDArray tokenMask, long batch, long length, Map<String, INDArray> params,
                 boolean training) {
        Pass pass = new Pass();
        boolean noisy = training && (dropout > 0 || dropPath > 0);
        pass.norm1 = LayerNorm.forward(x, params.get(LN1_GAIN), params.get(LN1_BIAS));
        pass.attention = mixer.forward(pass.norm1.output(), tokenMask, batch, length, params, training);
        INDArray branch = pass.attention.output();
        if (noisy) {
            pass.attentionKeep = Dropout.branchKeep(branch, dropout, dropPath, batch, length);
            branch = branch.mul(pass.attentionKeep);
        }
        INDArray x1 = branch.addi(x);
        pass.norm2 = LayerNorm.forward(x1, params.get(LN2_GAIN), params.get(LN2_BIAS));
        pass.hidden = Gelu.forward(Linear.forward(pass.norm2.output(), params.get(FC1_W), params.get(FC1_B)));
        pass.dropped = pass.hidden.output();
        if (noisy && dropout > 0) {
            pass.hiddenKeep = Dropout.keep(pass.dropped, dropout);
            pass.dropped = pass.dropped.mul(pass.hiddenKeep);
        }
        INDArray mlp = Linear.forward(pass.dropped, params.get(FC2_W), params.get(FC2_B));
        if (noisy) {
            pass.mlpKeep = Dropout.branchKeep(mlp, dropout, dropPath, batch, length);
            mlp.muli(pass.mlpKeep);
        }
        pass.output = mlp.addi(x1);
        return pass;
    }

    @Override
    public INDArray backward(TokenComputation.Pass computed, INDArray dOut, Map<String, INDArray> params,
                             Map<String, INDArray> grads) {
        Pass pass = (Pass) computed;
        INDArray dMlp = pass.mlpKeep == null ? dOut : dOut.mul(pass.mlpKeep);
        INDArray dDropped = Linear.backward(pass.dropped, params.get(FC2_W), dMlp, grads.get(FC2_W),
                grads.get(FC2_B), true);
        if (pass.hiddenKeep != null) {
            dDropped.muli(pass.hiddenKeep);
        }
        INDArray dHidden = Gelu.backward(pass.hidden, dDropped);
        INDArray dNorm2 = Linear.backward(pass.norm2.output(), params.get(FC1_W), dHidden, grads.get(FC1_W),
                grads.get(FC1_B), true);
        INDArray dx1 = LayerNorm.backward(pass.norm2, params.get(LN2_GAIN), dNorm2, grads.get(LN2_GAIN),
                grads.get(LN2_BIAS)).addi(dOut);
        INDArray dBranch = pass.attentionKeep == null ? dx1 : dx1.mul(pass.attentionKeep);
        INDArray dNorm1 = mixer.backward(pass.attention, dBranch, params, grads);
        return LayerNorm.backward(pass.norm1, params.get(LN1_GAIN), dNorm1, grads.get(LN1_GAIN),
                grads.get(LN1_BIAS)).addi(dx1);
    }
}
