package ai.lion.core.inference;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.shape.Gather;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A scan order over the positions of a sequence: {@code order[p]} is the position visited at step p
 * (the patch curves of the "♮" models). Moves arrays between sequence order and scan order along one
 * axis.
 */
final class ScanOrder {

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
    static ScanOrder of(String name, int[] order) {
        int[] inverse = new int[order.length];
        Arrays.fill(inverse, -1);
        for (int step = 0; step < order.length; step++) {
            int position = order[step];
            if (position < 0 || position >= order.length || inverse[position] != -1) {
                throw new IllegalArgumentException(name + " is not a permutation of 0.." + (order.length - 1)
                        + ": bad or repeated position " + position + " at step " + step);
            }
            inverse[position] = step;
        }
        return new ScanOrder(order.clone(), inverse);
    }

    /** The number of positions. */
    int length() {
        return order.length;
    }

    /** {@code x} with axis {@code axis} reordered from sequence order to scan order (a new array). */
    INDArray toScan(INDArray x, int axis) {
        return gather(x, order, axis);
    }

    /** {@code x} with axis {@code axis} reordered from scan order back to sequence order (a new array). */
    INDArray toSequence(INDArray x, int axis) {
        return gather(x, inverse, axis);
    }

    private static INDArray gather(INDArray x, int[] indices, int axis) {
        return Nd4j.exec(new Gather(x, indices, axis))[0];
    }
}
