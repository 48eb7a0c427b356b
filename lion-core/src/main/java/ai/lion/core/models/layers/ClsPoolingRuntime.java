package ai.lion.core.models.layers;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The runtime of {@link ClsPooling}: {@code y = x[:, :, 0]}, {@code dx[:, :, 0] = dy} and 0 elsewhere. */
final class ClsPoolingRuntime extends AbstractLayer<ClsPooling> {

    ClsPoolingRuntime(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        if (input.rank() != 3) {
            throw new IllegalArgumentException("ClsPooling expects input [batch, width, time] (NCW), got rank "
                    + input.rank());
        }
        return workspaceMgr.dup(ArrayType.ACTIVATIONS, input.get(all(), all(), point(0)), 'c');
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray dInput = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, epsilon.dataType(), input.shape(), 'c');
        dInput.get(all(), all(), point(0)).assign(epsilon);
        return new Pair<>(new DefaultGradient(), dInput);
    }

    /** The pooled output carries no mask. */
    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray mask, MaskState state, int minibatch) {
        super.feedForwardMaskArray(mask, state, minibatch);
        return new Pair<>(null, MaskState.Active);
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public void clearNoiseWeightParams() {
        // no parameters
    }

    @Override
    public Type type() {
        return Type.FEED_FORWARD;
    }
}
