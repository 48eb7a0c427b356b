package ai.lion.core.layers.embed;

import java.util.Map;
import java.util.Objects;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import ai.lion.core.layers.ExactGradientSameDiffLayer;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
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
public final class PatchEmbedding extends ExactGradientSameDiffLayer {

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
    public SDVariable defineLayer(SameDiff sd, SDVariable input, Map<String, SDVariable> params, SDVariable mask) {
        SDVariable rows = input.permute(0, 2, 1).reshape(-1, patchDim);
        SDVariable projected = rows.mmul(params.get(WEIGHT)).add(params.get(BIAS))
                .reshape(-1, numPatches, width).permute(0, 2, 1);
        SDVariable clsColumn = sd.zerosLike(projected.get(SDIndex.all(), SDIndex.all(), SDIndex.interval(0, 1)))
                .add(params.get(CLS));
        return sd.concat(2, clsColumn, projected);
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.addWeightParam(WEIGHT, patchDim, width);
        params.addBiasParam(BIAS, 1, width);
        params.addBiasParam(CLS, 1, width, 1);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        TruncatedNormal.fill(params.get(WEIGHT));
        params.get(BIAS).assign(0);
        TruncatedNormal.fill(params.get(CLS));
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
