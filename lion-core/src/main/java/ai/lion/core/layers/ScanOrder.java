package ai.lion.core.layers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.shape.Gather;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A scan order over the positions of a sequence: {@code order[p]} is the position visited at step p
 * (the patch curves of the "♮" models). Moves arrays between sequence order and scan order along one
 * axis.
 */
public final class ScanOrder {

    private final int[] order;
    private final int[] inverse;

    private ScanOrder(int[] order, int[] inverse) {
        this.order = order;
        this.inverse = inverse;
    }

    /**
     * @param name  what the order is, for messages
     * @throws IllegalArgumentException if {@code order} is not a permutation of {@code 0..n-1}
     */
    public static ScanOrder of(String name, int[] order) {
        try {
            return new ScanOrder(order.clone(), PatchCurves.inverse(order));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    /** The number of positions. */
    public int length() {
        return order.length;
    }

    /** {@code x} with axis {@code axis} reordered from sequence order to scan order (a new array). */
    public INDArray toScan(INDArray x, int axis) {
        return gather(x, order, axis);
    }

    /** {@code x} with axis {@code axis} reordered from scan order back to sequence order (a new array). */
    public INDArray toSequence(INDArray x, int axis) {
        return gather(x, inverse, axis);
    }

    private static INDArray gather(INDArray x, int[] indices, int axis) {
        return Nd4j.exec(new Gather(x, indices, axis))[0];
    }
}
