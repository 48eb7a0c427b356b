package ai.lion.core.layers;

import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Moves a batch of sequences between the layouts the LION graph works in: Deeplearning4j's NCW
 * {@code [B, C, T]}, the token matrix {@code [B·T, C]} (row {@code b·T + t}) that linear maps act on,
 * and the per-head layout {@code [B·H, T, d]} (row {@code b·H + h}) of the attention operator.
 *
 * <p>B is always dynamic. T is a build-time constant when known, else read from the input's shape
 * at run time, so one graph serves every sequence length.
 */
final class SequenceLayout {

    /** Placeholder for the time dimension in {@link #reshape}. */
    private static final long TIME = 0;

    private final SameDiff sd;
    private final long channels;
    private final long fixedLength;
    private final SDVariable dynamicLength;

    private SequenceLayout(SameDiff sd, long channels, long fixedLength, SDVariable dynamicLength) {
        this.sd = sd;
        this.channels = channels;
        this.fixedLength = fixedLength;
        this.dynamicLength = dynamicLength;
    }

    /**
     * @param ncwInput    the layer input {@code [B, C, T]}
     * @param fixedLength T if the graph may assume it, else a value < 1
     */
    static SequenceLayout of(SameDiff sd, SDVariable ncwInput, long channels, long fixedLength) {
        SDVariable length = fixedLength >= 1 ? null : ncwInput.shape().get(SDIndex.interval(2, 3));
        return new SequenceLayout(sd, channels, fixedLength, length);
    }

    /** {@code [B, c, T] -> [B·T, c]}. */
    SDVariable tokens(SDVariable ncw, long width) {
        return sd.reshape(sd.permute(ncw, 0, 2, 1), -1, width);
    }

    /** {@code [B·T, C] -> [B, C, T]}. */
    SDVariable ncw(SDVariable tokens) {
        return sd.permute(reshape(tokens, -1, TIME, channels), 0, 2, 1);
    }

    /** A DL4J sequence mask {@code [B, T]} as a token column {@code [B·T, 1]}. */
    SDVariable tokenColumn(SDVariable mask) {
        return sd.reshape(mask, -1, 1);
    }

    /** {@code [B·T, H·d] -> [B·H, T, d]}. */
    SDVariable splitHeads(SDVariable tokens, long heads, long headDim) {
        SDVariable bthd = reshape(tokens, -1, TIME, heads, headDim);
        return reshape(sd.permute(bthd, 0, 2, 1, 3), -1, TIME, headDim);
    }

    /** {@code [B·H, T, d] -> [B·T, H·d]}. */
    SDVariable mergeHeads(SDVariable perHead, long heads, long headDim) {
        SDVariable bhtd = reshape(perHead, -1, heads, TIME, headDim);
        return sd.reshape(sd.permute(bhtd, 0, 2, 1, 3), -1, heads * headDim);
    }

    /** One value per token and head, {@code [B·T, H] -> [B·H, T]}. */
    SDVariable headScalars(SDVariable tokens, long heads) {
        SDVariable bht = sd.permute(reshape(tokens, -1, TIME, heads), 0, 2, 1);
        return reshape(bht, -1, TIME);
    }

    /** Reshape where {@link #TIME} stands for the sequence length. */
    private SDVariable reshape(SDVariable x, long... dims) {
        if (dynamicLength == null) {
            long[] shape = dims.clone();
            for (int i = 0; i < shape.length; i++) {
                if (shape[i] == TIME) {
                    shape[i] = fixedLength;
                }
            }
            return sd.reshape(x, shape);
        }
        SDVariable[] parts = new SDVariable[dims.length];
        for (int i = 0; i < dims.length; i++) {
            parts[i] = dims[i] == TIME ? dynamicLength : sd.constant(Nd4j.createFromArray(dims[i]));
        }
        return sd.reshape(x, sd.concat(0, parts));
    }
}
