package ai.lion.core.layers.embed;

import java.util.Arrays;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Checks shared by the embedding layers; messages name the layer, the argument and the bad value. */
final class EmbedChecks {

    private EmbedChecks() {
    }

    static int positive(String field, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be positive, got " + value);
        }
        return value;
    }

    /** The input type must be recurrent with {@code size} channels and at most {@code maxLength} steps (if known). */
    static void recurrent(Object layer, InputType type, int size, int maxLength) {
        if (!(type instanceof InputType.InputTypeRecurrent recurrent) || recurrent.getSize() != size
                || recurrent.getTimeSeriesLength() > maxLength) {
            throw new IllegalArgumentException(layer.getClass().getSimpleName() + " expects recurrent input of size "
                    + size + " and length at most " + maxLength + ", got " + type);
        }
    }

    /** The input must be {@code [batch, channels, time]} with {@code time <= maxLength}. */
    static void shape(Object layer, INDArray input, int channels, int maxLength) {
        if (input.rank() != 3 || input.size(1) != channels || input.size(2) > maxLength) {
            throw new IllegalArgumentException(layer.getClass().getSimpleName() + " expects input [batch, " + channels
                    + ", time <= " + maxLength + "], got " + Arrays.toString(input.shape()));
        }
    }
}
