package ai.lion.core.layers;

import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A {@link TokenLayer}'s computation on token rows {@code [B·T, C]} (row {@code b·T + t} is position
 * {@code t} of sequence {@code b}), with its hand-written backward pass. The output may have another
 * width and another number of rows per sequence than the input.
 */
public interface TokenComputation {

    /** One forward pass, holding its output and what its backward needs. */
    interface Pass {
        /** {@code [B·T', C']}. */
        INDArray output();
    }

    /**
     * @param tokens    {@code [B·T, C]} (not modified)
     * @param tokenMask {@code [B·T, 1]}, 1 = real position, or null when every position is real
     * @param params    the parameters, by name, as shaped in the layer's {@link ParameterTable}
     * @param training  whether training noise (dropout, drop-path) applies
     */
    Pass forward(INDArray tokens, INDArray tokenMask, long batch, long length, Map<String, INDArray> params,
                 boolean training);

    /**
     * Writes every parameter gradient into {@code grads} (views shaped as {@code params}) and returns
     * {@code dTokens [B·T, C]}, given {@code dOut}, the gradient of the pass's output.
     */
    INDArray backward(Pass pass, INDArray dOut, Map<String, INDArray> params, Map<String, INDArray> grads);

    /** A per-channel parameter (or its gradient) such as {@code [1, C, 1]} as a row {@code [1, C]}, a view of it. */
    static INDArray row(INDArray channels) {
        return channels.reshape('c', 1, channels.length());
    }
}
