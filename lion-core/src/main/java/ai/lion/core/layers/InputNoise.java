package ai.lion.core.layers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Random multipliers a SameDiff layer needs (dropout and drop-path masks), delivered to its graph as
 * extra input channels so that a training step's forward and backward passes see the same draw.
 */
interface InputNoise {

    /** The number of extra channels, k. */
    long channels();

    /**
     * The noise for one minibatch, {@code [batch, k, length]}: random keep masks (already divided by
     * the keep probability) when training, ones at inference.
     */
    INDArray sample(long batch, long length, DataType dataType, boolean training);
}
