package ai.lion.core.attention;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Condition;
import org.nd4j.linalg.indexing.conditions.Conditions;

/** Argument checks whose failure messages name the argument and show the offending shape or value. */
final class ArrayChecks {

    private ArrayChecks() {
    }

    static INDArray requireNonNull(String name, INDArray array) {
        if (array == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return array;
    }

    static void requireShape(String name, INDArray array, String expected, long... shape) {
        if (!Arrays.equals(array.shape(), shape)) {
            throw new IllegalArgumentException(name + " must have shape " + expected + " = "
                    + Arrays.toString(shape) + ", got " + Arrays.toString(array.shape()));
        }
    }

    static void requireFloatingPoint(String name, INDArray array) {
        if (!array.dataType().isFPType()) {
            throw new IllegalArgumentException(name + " must hold floating-point values, got " + array.dataType());
        }
    }

    static void requireFinite(String name, INDArray array) {
        requireNone(name, array, Conditions.notFinite(), "must be finite");
    }

    /**
     * Fails when some element of {@code array} satisfies {@code violation}; the message reads
     * "{name} {rule}, got {value} at [{index}] (shape [...])".
     */
    static void requireNone(String name, INDArray array, Condition violation, String rule) {
        requireNone(name, array, array, violation, rule);
    }

    /**
     * Like {@link #requireNone(String, INDArray, Condition, String)}, but tests {@code violation} on
     * {@code probe}, an element-wise function of {@code array} with the same shape.
     */
    static void requireNone(String name, INDArray array, INDArray probe, Condition violation, String rule) {
        long first = BooleanIndexing.firstIndex(probe, violation).getLong(0);
        if (first >= 0) {
            long[] index = Shape.ind2subC(array.shape(), first);
            double value = array.getDouble(index);
            throw new IllegalArgumentException(name + " " + rule + ", got " + value + " at "
                    + Arrays.toString(index) + " (shape " + Arrays.toString(array.shape()) + ")");
        }
    }
}
