package ai.lion.core.layers;

import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

/** DL4J's view of a {@link TokenLayer}'s {@link ParameterTable}. */
final class TableParamInitializer implements ParamInitializer {

    static final TableParamInitializer INSTANCE = new TableParamInitializer();

    private TableParamInitializer() {
    }

    private static ParameterTable table(Layer layer) {
        return ((TokenLayer) layer).parameters();
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        return table(layer).length();
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return table(layer).entries().stream().map(ParameterTable.Entry::name).toList();
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return table(layer).entries().stream().filter(ParameterTable.Entry::weight).map(ParameterTable.Entry::name)
                .toList();
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return table(layer).entries().stream().filter(e -> !e.weight()).map(ParameterTable.Entry::name).toList();
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return table(layer).isWeight(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return table(layer).isBias(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        ParameterTable table = table(conf.getLayer());
        Map<String, INDArray> params = table.views(paramsView);
        if (initializeParams) {
            table.initialize(params);
        }
        params.keySet().forEach(conf::addVariable);
        return params;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return table(conf.getLayer()).views(gradientView);
    }
}
