package ai.lion.core.attention;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.shape.Gather;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The decay weights of the CHUNK form for every position at once. For position t of chunk [s, e), with
 * P the exclusive prefix sums of the log decays (float64), re-based at the chunk start:
 * <pre>
 * before = P[t] - P[s]     through = P[t+1] - P[s]     total = P[e] - P[s]
 * forward : query e^{before},          key e^{total - before}
 * backward: query e^{total - through}, key e^{through}
 * carry   : e^{total} (the decay of a state across the whole chunk)
 * </pre>
 * All exponents are {@code <= 0}. {@code before} and {@code through} also build the chunk's mask block.
 */
final class ChunkWeights {

    /** [N, L] float64. */
    final INDArray before;
    /** [N, L] float64. */
    final INDArray through;
    /** [N, L] each, in the data type of the inputs; {@code carry} is constant within a chunk. */
    final INDArray forwardQuery;
    final INDArray forwardKey;
    final INDArray backwardQuery;
    final INDArray backwardKey;
    final INDArray carry;

    ChunkWeights(INDArray prefix, int chunkSize, DataType dataType) {
        int length = Math.toIntExact(prefix.size(1) - 1);
        int[] starts = new int[length];
        int[] ends = new int[length];
        for (int t = 0; t < length; t++) {
            starts[t] = t - t % chunkSize;
            ends[t] = Math.min(starts[t] + chunkSize, length);
        }
        INDArray atStart = columns(prefix, starts);
        INDArray total = columns(prefix, ends).subi(atStart);
        before = prefix.get(all(), interval(0, length)).sub(atStart);
        through = prefix.get(all(), interval(1, length + 1)).sub(atStart);
        forwardQuery = exp(before, dataType);
        forwardKey = exp(total.sub(before), dataType);
        backwardQuery = exp(total.sub(through), dataType);
        backwardKey = exp(through, dataType);
        carry = exp(total, dataType);
    }

    /** {@code x[:, indices]} as [N, indices.length]. */
    private static INDArray columns(INDArray x, int[] indices) {
        return Nd4j.exec(new Gather(x, indices, 1))[0].reshape(x.size(0), indices.length);
    }

    private static INDArray exp(INDArray logWeights, DataType dataType) {
        return Transforms.exp(logWeights, true).castTo(dataType);
    }
}
