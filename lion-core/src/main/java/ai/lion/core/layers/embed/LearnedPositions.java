package ai.lion.core.layers.embed;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import ai.lion.core.layers.ParameterTable;
import ai.lion.core.layers.ParameterTable.Entry;
import ai.lion.core.layers.ParameterTable.Init;
import ai.lion.core.layers.TokenComputation;
import ai.lion.core.layers.TokenLayer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Adds a learned absolute position embedding to an NCW sequence: {@code y[b, c, t] = x[b, c, t] + pos[c, t]}.
 *
 * <p>Input and output {@code [batch, width, time]} with {@code time <= maxLength}; the first
 * {@code time} positions of the table are used. Parameter {@code pos} {@code [1, width, maxLength]},
 * initialised from a truncated normal(0, 0.02) and exempt from weight decay. Feature masks pass
 * through unchanged.
 */
public final class LearnedPositions extends TokenLayer {

    /** The position table, {@code [1, width, maxLength]}. */
    public static final String POSITIONS = "pos";

    @JsonProperty("width")
    private int width;
    @JsonProperty("maxLength")
    private int maxLength;

    /** For JSON deserialisation only. */
    private LearnedPositions() {
    }

    /**
     * @param width     channels of the sequence
     * @param maxLength longest sequence the table covers
     */
    public LearnedPositions(int width, int maxLength) {
        this.width = EmbedChecks.positive("width", width);
        this.maxLength = EmbedChecks.positive("maxLength", maxLength);
    }

    @Override
    public ParameterTable parameters() {
        return ParameterTable.of(List.of(),
                List.of(new Entry(POSITIONS, new long[]{1, width, maxLength}, false, Init.TRUNCATED_NORMAL)));
    }

    @Override
    protected TokenComputation computation() {
        return new Computation();
    }

    /** {@code x + pos} on token rows, each sequence's rows {@code [T, C]} taken as one row of {@code T·C} values. */
    private record Computation() implements TokenComputation {

        private record Pass(INDArray output, long batch, long length) implements TokenComputation.Pass {
        }

        @Override
        public Pass forward(INDArray tokens, INDArray tokenMask, long batch, long length,
                            Map<String, INDArray> params, boolean training) {
            long width = tokens.size(1);
            INDArray table = used(params.get(POSITIONS), length).transpose().dup('c').reshape(1, length * width);
            INDArray output = tokens.reshape('c', batch, length * width).addRowVector(table);
            return new Pass(output.reshape('c', batch * length, width), batch, length);
        }

        /** Writes {@code dpos} (zero beyond the input length) and returns {@code dOut} itself. */
        @Override
        public INDArray backward(TokenComputation.Pass computed, INDArray dOut, Map<String, INDArray> params,
                                 Map<String, INDArray> grads) {
            Pass pass = (Pass) computed;
            long width = dOut.size(1);
            INDArray dTable = dOut.reshape('c', pass.batch(), pass.length() * width).sum(0)
                    .reshape('c', pass.length(), width);
            used(grads.get(POSITIONS).assign(0), pass.length()).assign(dTable.transpose());
            return dOut;
        }

        /** The table's first {@code length} positions, {@code [C, length]} (a view). */
        private static INDArray used(INDArray positions, long length) {
            return positions.get(point(0), all(), interval(0, length));
        }
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        EmbedChecks.recurrent(this, inputType, width, maxLength);
        return inputType;
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        EmbedChecks.recurrent(this, inputType, width, maxLength);
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    @Override
    public void validateInput(INDArray input) {
        EmbedChecks.shape(this, input, width, maxLength);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LearnedPositions other && super.equals(o)
                && width == other.width && maxLength == other.maxLength;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), width, maxLength);
    }
}
