package ai.lion.core.layers;

import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;

/** A LION layer's computation on token matrices {@code [B·T, C]}, with its hand-written backward. */
interface TokenComputation {

    /** One forward pass, holding its output and what its backward needs. */
    interface Pass {
        /** {@code [B·T, C]}. */
        INDArray output();
    }

    /**
     * @param tokens    {@code [B·T, C]} (not modified)
     * @param tokenMask {@code [B·T, 1]}, 1 = real position, or null when every position is real
     * @param training  whether training noise (dropout, drop-path) applies
     */
    Pass forward(INDArray tokens, INDArray tokenMask, long batch, long length, Map<String, INDArray> params,
                 boolean training);

    /** Writes every parameter gradient into {@code grads} and returns {@code dTokens [B·T, C]}. */
    INDArray backward(Pass pass, INDArray dOut, Map<String, INDArray> params, Map<String, INDArray> grads);
}
