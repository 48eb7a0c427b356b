package ai.lion.core.layers;

import static ai.lion.core.layers.ParameterTable.PROJ_B;
import static ai.lion.core.layers.ParameterTable.PROJ_W;
import static ai.lion.core.layers.ParameterTable.QKV_B;
import static ai.lion.core.layers.ParameterTable.QKV_W;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.Map;

import ai.lion.core.nn.Linear;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The linear maps every attention mixer shares, forward and backward on token rows {@code [B·T, C]}:
 * the q, k, v projection {@code qkvW, qkvB} and the output projection {@code projW, projB}.
 */
final class AttentionProjections {

    /** Column block of q in {@code qkvW}. */
    static final int Q = 0;
    /** Column block of k. */
    static final int K = 1;
    /** Column block of v. */
    static final int V = 2;

    private final long width;

    AttentionProjections(long width) {
        this.width = width;
    }

    /**
     * Column block {@code block} ({@link #Q}, {@link #K}, {@link #V}) of the qkv projection,
     * {@code [B·T, C]}: one gemm with that block of the weight, so that each block comes out contiguous
     * (copying a column block out of the whole {@code [B·T, 3C]} product costs about as much as the
     * product itself).
     */
    INDArray project(INDArray x, Map<String, INDArray> params, int block) {
        return Linear.forward(x, columnBlock(params.get(QKV_W), block), columnBlock(params.get(QKV_B), block));
    }

    /** The backward of {@link #project}: writes that block's weight and bias gradients, returns its {@code dx}. */
    INDArray projectBackward(INDArray x, Map<String, INDArray> params, Map<String, INDArray> grads, int block,
                             INDArray dy) {
        return Linear.backward(x, columnBlock(params.get(QKV_W), block), dy, columnBlock(grads.get(QKV_W), block),
                columnBlock(grads.get(QKV_B), block), true);
    }

    /** The output projection of the merged heads {@code [B·T, C]}. */
    INDArray output(INDArray merged, Map<String, INDArray> params) {
        return Linear.forward(merged, params.get(PROJ_W), params.get(PROJ_B));
    }

    /** The backward of {@link #output}: writes its gradients, returns {@code dMerged}. */
    INDArray outputBackward(INDArray merged, Map<String, INDArray> params, Map<String, INDArray> grads,
                            INDArray dOut) {
        return Linear.backward(merged, params.get(PROJ_W), dOut, grads.get(PROJ_W), grads.get(PROJ_B), true);
    }

    private INDArray columnBlock(INDArray matrix, int block) {
        return matrix.get(all(), interval(block * width, (block + 1) * width));
    }
}
