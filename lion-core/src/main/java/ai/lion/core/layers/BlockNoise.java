package ai.lion.core.layers;

import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The dropout and drop-path noise of a {@link LionBlockLayer}, as extra input channels (in order):
 * dropout masks for the attention output (C), the MLP hidden layer (rC) and the MLP output (C), when
 * dropout > 0; then one drop-path channel per residual branch (attention, MLP), constant over time,
 * when drop-path > 0. Masks are inverted: a kept entry is {@code 1 / (1 - p)}, a dropped one 0.
 */
final class BlockNoise implements InputNoise {

    private final long width;
    private final long hidden;
    private final double dropout;
    private final double dropPath;

    BlockNoise(long width, long hidden, double dropout, double dropPath) {
        this.width = width;
        this.hidden = hidden;
        this.dropout = dropout;
        this.dropPath = dropPath;
    }

    @Override
    public long channels() {
        return dropoutChannels() + (dropPath > 0 ? 2 : 0);
    }

    @Override
    public INDArray sample(long batch, long length, DataType dataType, boolean training) {
        INDArray out = Nd4j.ones(dataType, batch, channels(), length);
        if (!training) {
            return out;
        }
        long dropoutChannels = dropoutChannels();
        if (dropout > 0) {
            out.get(channelRange(0, dropoutChannels))
                    .assign(keepMask(dataType, dropout, batch, dropoutChannels, length));
        }
        if (dropPath > 0) {
            INDArray perSample = keepMask(dataType, dropPath, batch, 2, 1);
            out.get(channelRange(dropoutChannels, dropoutChannels + 2)).assign(perSample.repeat(2, length));
        }
        return out;
    }

    /** The attention-output dropout multipliers, {@code [B·T, C]}, or null without dropout. */
    SDVariable attentionDropout(SDVariable noiseTokens) {
        return dropout > 0 ? columns(noiseTokens, 0, width) : null;
    }

    /** The MLP hidden-layer dropout multipliers, {@code [B·T, rC]}, or null without dropout. */
    SDVariable hiddenDropout(SDVariable noiseTokens) {
        return dropout > 0 ? columns(noiseTokens, width, width + hidden) : null;
    }

    /** The MLP-output dropout multipliers, {@code [B·T, C]}, or null without dropout. */
    SDVariable outputDropout(SDVariable noiseTokens) {
        return dropout > 0 ? columns(noiseTokens, width + hidden, dropoutChannels()) : null;
    }

    /** The drop-path multiplier of residual branch {@code branch} (0 attention, 1 MLP), {@code [B·T, 1]}, or null. */
    SDVariable branchKeep(SDVariable noiseTokens, int branch) {
        return dropPath > 0 ? columns(noiseTokens, dropoutChannels() + branch, dropoutChannels() + branch + 1) : null;
    }

    private long dropoutChannels() {
        return dropout > 0 ? 2 * width + hidden : 0;
    }

    private static SDVariable columns(SDVariable tokens, long from, long to) {
        return tokens.get(SDIndex.all(), SDIndex.interval(from, to));
    }

    private static INDArrayIndex[] channelRange(long from, long to) {
        return new INDArrayIndex[]{NDArrayIndex.all(), NDArrayIndex.interval(from, to), NDArrayIndex.all()};
    }

    private static INDArray keepMask(DataType dataType, double p, long... shape) {
        return Nd4j.rand(dataType, shape).gte(p).castTo(dataType).divi(1 - p);
    }
}
