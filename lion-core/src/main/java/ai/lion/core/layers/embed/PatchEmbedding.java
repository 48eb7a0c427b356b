package ai.lion.core.layers.embed;

import static ai.lion.core.layers.TokenComputation.row;
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
import ai.lion.core.nn.Linear;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Linear projection of flattened image patches to the model width, with a learned cls token
 * prepended at position 0.
 *
 * <p>Input {@code [batch, patchDim, numPatches]} (NCW), output {@code [batch, width, numPatches + 1]}.
 * Parameters: {@code W} {@code [patchDim, width]} and {@code b} {@code [1, width]} (the projection,
 * {@code y = x W + b} per patch) and {@code cls} {@code [1, width, 1]}. {@code W} and {@code cls}
 * start from a truncated normal(0, 0.02), {@code b} from zero; {@code b} and {@code cls} are exempt
 * from weight decay. A feature mask, if any, gains a leading 1 for the cls token.
 */
public final class PatchEmbedding extends TokenLayer {

    /** Projection weight, {@code [patchDim, width]}. */
    public static final String WEIGHT = "W";
    /** Projection bias, {@code [1, width]}. */
    public static final String BIAS = "b";
    /** The cls token, {@code [1, width, 1]}. */
    public static final String CLS = "cls";

    @JsonProperty("patchDim")
    private int patchDim;
    @JsonProperty("numPatches")
    private int numPatches;
    @JsonProperty("width")
    private int width;

    /** For JSON deserialisation only. */
    private PatchEmbedding() {
    }

    /**
     * @param patchDim   length of one flattened patch
     * @param numPatches patches per image
     * @param width      model width
     */
    public PatchEmbedding(int patchDim, int numPatches, int width) {
        this.patchDim = EmbedChecks.positive("patchDim", patchDim);
        this.numPatches = EmbedChecks.positive("numPatches", numPatches);
        this.width = EmbedChecks.positive("width", width);
    }

    @Override
    public ParameterTable parameters() {
        return ParameterTable.of(
                List.of(new Entry(WEIGHT, new long[]{patchDim, width}, true, Init.TRUNCATED_NORMAL)),
                List.of(new Entry(BIAS, new long[]{1, width}, false, Init.ZEROS),
                        new Entry(CLS, new long[]{1, width, 1}, false, Init.TRUNCATED_NORMAL)));
    }

    @Override
    protected TokenComputation computation() {
        return new Computation();
    }

    /** The projection of each patch row, with the cls row put before each sequence's rows. */
    private record Computation() implements TokenComputation {

        private record Pass(INDArray patches, INDArray output, long batch) implements TokenComputation.Pass {
        }

        @Override
        public Pass forward(INDArray patches, INDArray tokenMask, long batch, long length,
                            Map<String, INDArray> params, boolean training) {
            INDArray projected = Linear.forward(patches, params.get(WEIGHT), params.get(BIAS));
            long width = projected.size(1);
            INDArray output = Nd4j.createUninitialized(projected.dataType(), batch, length + 1, width);
            output.get(all(), point(0), all()).putiRowVector(row(params.get(CLS)));
            output.get(all(), interval(1, length + 1), all()).assign(projected.reshape('c', batch, length, width));
            return new Pass(patches, output.reshape('c', batch * (length + 1), width), batch);
        }

        @Override
        public INDArray backward(TokenComputation.Pass computed, INDArray dOut, Map<String, INDArray> params,
                                 Map<String, INDArray> grads) {
            Pass pass = (Pass) computed;
            long width = dOut.size(1);
            INDArray sequences = dOut.reshape('c', pass.batch(), dOut.size(0) / pass.batch(), width);
            row(grads.get(CLS)).assign(sequences.get(all(), point(0), all()).sum(true, 0));
            INDArray dProjected = sequences.get(all(), interval(1, sequences.size(1)), all()).dup('c')
                    .reshape('c', pass.patches().size(0), width);
            return Linear.backward(pass.patches(), params.get(WEIGHT), dProjected, grads.get(WEIGHT),
                    grads.get(BIAS), true);
        }
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        EmbedChecks.recurrent(this, inputType, patchDim, numPatches);
        return InputType.recurrent(width, numPatches + 1);
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        EmbedChecks.recurrent(this, inputType, patchDim, numPatches);
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    @Override
    public void validateInput(INDArray input) {
        EmbedChecks.shape(this, input, patchDim, numPatches);
    }

    /** Prepends a 1 column (the cls token is always real) to a feature mask {@code [B, P]}. */
    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray mask, MaskState state, int minibatch) {
        if (mask == null) {
            return new Pair<>(null, state);
        }
        INDArray withCls = Nd4j.concat(1, Nd4j.ones(mask.dataType(), mask.size(0), 1), mask);
        return new Pair<>(withCls, state);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PatchEmbedding other && super.equals(o)
                && patchDim == other.patchDim && numPatches == other.numPatches && width == other.width;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), patchDim, numPatches, width);
    }
}
