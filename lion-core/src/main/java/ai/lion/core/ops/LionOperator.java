package ai.lion.core.ops;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The unnormalised LION operator of one form, with its hand-derived backward pass (none for the
 * inference-only RNN form):
 * {@code sums[r] = (q[r] k[r]ᵀ ⊙ M[r]) values[r]} for every batch-head row r, where
 * {@code M[i][j] = exp(sum of log a over the positions between j and i)} (docs/lion-math.md §1; M = 1 without
 * decay). Inputs are {@code q, k [R, T, d]}, {@code values [R, T, f]} and {@code logDecay [R, T]}
 * (null for LIT). A padded position must come with {@code k = 0} and {@code log a = 0}.
 *
 * <p>Arrays are allocated in the caller's current ND4J workspace; the forward keeps what the backward
 * needs, so nothing is recomputed.
 */
public interface LionOperator {

    /** The forward pass; the returned pass holds the sums and what the backward needs. */
    Pass forward(INDArray q, INDArray k, INDArray values, INDArray logDecay);

    /** One forward pass, ready to be differentiated once. */
    interface Pass {

        /** {@code [R, T, f]}. */
        INDArray sums();

        /** Gradients of the inputs from {@code dSums [R, T, f]}. */
        Gradients backward(INDArray dSums);
    }

    /**
     * Gradients of the operator's inputs.
     *
     * @param dLogDecay {@code [R, T]}, or null when the forward had no decay
     */
    record Gradients(INDArray dq, INDArray dk, INDArray dValues, INDArray dLogDecay) {
    }

    /**
     * The operator of {@code form}: {@link AttentionOperator}, {@link ChunkOperator} with {@code chunkSize},
     * or the forward-only {@link RecurrentOperator}.
     */
    static LionOperator of(ai.lion.core.attention.Form form, int chunkSize) {
        return switch (form) {
            case ATTENTION -> new AttentionOperator();
            case CHUNK -> new ChunkOperator(chunkSize);
            case RNN -> new RecurrentOperator();
        };
    }
}
