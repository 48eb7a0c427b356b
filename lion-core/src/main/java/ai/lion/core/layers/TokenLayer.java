package ai.lion.core.layers;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.shade.jackson.annotation.JsonIgnore;
import org.nd4j.shade.jackson.annotation.JsonIgnoreProperties;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Base configuration of the project's native DL4J layers on NCW sequences {@code [B, C, T]}: the
 * parameters are a {@link ParameterTable}, the computation a {@link TokenComputation} on token rows
 * {@code [B·T, C]} with a hand-written backward pass, run by one shared runtime (input and output
 * width and length may differ). DL4J's per-layer updater and regularisation options apply (weights
 * and biases as the table marks them); {@code weightInit}, {@code activation} and {@code dropOut} do
 * not: the table states each parameter's initialisation.
 *
 * <p>Checkpoints written when these layers were SameDiff layers load unchanged: same class names,
 * same parameter names and order; their SameDiff-only JSON fields are ignored and their
 * {@code updater} is read as the layer's updater.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public abstract class TokenLayer extends BaseLayer {

    /**
     * Whether each parameter is a weight (true) or a bias, for DL4J's regularisation lookups, which run
     * for every parameter at every step; built from {@link #parameters()} on first use.
     */
    @JsonIgnore
    private transient Map<String, Boolean> weightByName;

    /** For JSON deserialisation and layers without a builder. */
    protected TokenLayer() {
    }

    protected TokenLayer(BaseLayer.Builder<?> builder) {
        super(builder);
    }

    /** This layer's parameters. */
    public abstract ParameterTable parameters();

    /** The layer's computation, for the runtime. */
    protected abstract TokenComputation computation();

    /** @throws IllegalArgumentException naming the layer if {@code input} does not fit the configuration */
    public abstract void validateInput(INDArray input);

    /**
     * The feature mask of the output given that of the input ({@code [B, T]}, 1 = real position, or
     * null); by default unchanged.
     */
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray mask, MaskState state, int minibatch) {
        return new Pair<>(mask, state);
    }

    /** Reads the updater of configurations written by the SameDiff versions of these layers. */
    @JsonProperty("updater")
    private void setLegacyUpdater(IUpdater updater) {
        if (getIUpdater() == null) {
            setIUpdater(updater);
        }
    }

    @Override
    public final Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
                                   int layerIndex, INDArray layerParamsView, boolean initializeParams,
                                   DataType networkDataType) {
        return RuntimeWiring.wire(new TokenLayerRuntime(conf, networkDataType, computation()), conf,
                trainingListeners, layerIndex, layerParamsView, initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return TableParamInitializer.INSTANCE;
    }

    /** The weights' regularisation for weights, the biases' for biases (as DL4J's default, without rebuilding the table). */
    @Override
    public List<Regularization> getRegularizationByParam(String paramName) {
        if (weightByName == null) {
            weightByName = parameters().entries().stream()
                    .collect(Collectors.toUnmodifiableMap(ParameterTable.Entry::name, ParameterTable.Entry::weight));
        }
        Boolean weight = weightByName.get(paramName);
        if (weight == null) {
            return null;
        }
        return weight ? getRegularization() : getRegularizationBias();
    }

    @Override
    public TokenLayer clone() {
        TokenLayer copy = (TokenLayer) super.clone();
        copy.weightByName = null;
        return copy;
    }

    @Override
    public boolean isPretrainParam(String paramName) {
        return false;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType out = getOutputType(-1, inputType);
        return new LayerMemoryReport.Builder(getLayerName(), getClass(), inputType, out)
                .standardMemory(parameters().length(), 0)
                .workingMemory(0, 0, 0, 0)
                .cacheMemory(0, 0)
                .build();
    }
}
