package ai.lion.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Moves between the token layout {@code [B·T, H·d]} (row b·T + t) and the head layout
 * {@code [B·H, T, d]} (one sequence per batch entry and head) that the attention operators use.
 */
public final class Heads {

    private final long batch;
    private final long length;
    private final long heads;

    public Heads(long batch, long length, long heads) {
        this.batch = batch;
        this.length = length;
        this.heads = heads;
    }

    /** {@code [B·T, H·w] -> [B·H, T, w]}, a new array. */
    public INDArray split(INDArray tokens) {
        long width = tokens.size(1) / heads;
        return tokens.reshape('c', batch, length, heads, width).permute(0, 2, 1, 3).dup('c')
                .reshape(batch * heads, length, width);
    }

    /** {@code [B·H, T, w] -> [B·T, H·w]}, a new array. */
    public INDArray merge(INDArray perHead) {
        long width = perHead.size(2);
        return perHead.reshape('c', batch, heads, length, width).permute(0, 2, 1, 3).dup('c')
                .reshape(batch * length, heads * width);
    }

    /** Per-head scalars {@code [B·T, H] -> [B·H, T]}, a new array. */
    public INDArray splitScalars(INDArray tokens) {
        return tokens.reshape('c', batch, length, heads).permute(0, 2, 1).dup('c').reshape(batch * heads, length);
    }

    /** One scalar per token {@code [B·T, 1]} repeated for every head: {@code [B·H, T]}, a new array. */
    public INDArray repeatScalars(INDArray tokens) {
        return tokens.reshape('c', batch, 1, length).broadcast(batch, heads, length).dup('c')
                .reshape(batch * heads, length);
    }

    /** {@code [B·H, T] -> [B·T, H]}, a new array. */
    public INDArray mergeScalars(INDArray perHead) {
        return perHead.reshape('c', batch, heads, length).permute(0, 2, 1).dup('c').reshape(batch * length, heads);
    }
}
