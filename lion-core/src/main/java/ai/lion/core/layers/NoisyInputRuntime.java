package ai.lion.core.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * An exact-gradient SameDiff runtime whose graph input carries {@link InputNoise} channels after the
 * real ones: {@code [B, C + k, T]}. Every training forward pass draws fresh noise and keeps it for the
 * backward pass that follows; inference passes get the inference noise (ones). The epsilon passed
 * down covers the C real channels only.
 */
class NoisyInputRuntime extends ExactGradientSameDiffRuntime {

    private InputNoise noise;
    private INDArray trainingNoise;

    NoisyInputRuntime(NeuralNetConfiguration conf, DataType dataType, InputNoise noise) {
        super(conf, dataType);
        this.noise = noise;
    }

    /** Replaces the noise source (tests use it to fix the draw). */
    void useNoise(InputNoise replacement) {
        this.noise = replacement;
        this.trainingNoise = null;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        INDArray original = input;
        INDArray drawn;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            drawn = noise.sample(original.size(0), original.size(2), original.dataType(), training);
        }
        if (training) {
            trainingNoise = drawn;
        }
        input = withNoise(original, drawn);
        try {
            return super.activate(training, workspaceMgr);
        } finally {
            input = original;
        }
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray original = input;
        if (trainingNoise == null || trainingNoise.size(0) != original.size(0)
                || trainingNoise.size(2) != original.size(2)) {
            throw new IllegalStateException("layer " + layerConf().getLayerName()
                    + ": backpropagation needs a training forward pass (activate(true)) on the same input first");
        }
        input = withNoise(original, trainingNoise);
        Pair<Gradient, INDArray> result;
        try {
            result = super.backpropGradient(epsilon, workspaceMgr);
        } finally {
            input = original;
        }
        INDArray real = result.getSecond().get(NDArrayIndex.all(), NDArrayIndex.interval(0, original.size(1)),
                NDArrayIndex.all());
        return new Pair<>(result.getFirst(), workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, real));
    }

    private static INDArray withNoise(INDArray input, INDArray noise) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return Nd4j.concat(1, input.castTo(noise.dataType()), noise);
        }
    }
}
