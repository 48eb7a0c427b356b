package ai.lion.core.models;

import ai.lion.core.testing.DoublePrecision;
import ai.lion.core.testing.SingleThreadedNd4j;
import ai.lion.core.testing.GradientChecks;
import java.util.ArrayList;
import java.util.Random;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.learning.config.NoOp;

/** Whole models in double precision: every parameter gradient against finite differences. */
@Tag("slow")
@ExtendWith({DoublePrecision.class, SingleThreadedNd4j.class})
class ModelGradientTest {

    private static LionConfig.Builder tiny() {
        return LionConfig.builder().width(4).depth(1).heads(2).mlpRatio(1).positionalEmbedding(true);
    }

    @Test
    void patchClassifierWithCurveOrderAndClsPooling() {
        LionConfig config = tiny().variant(LionVariant.SELECTIVE_CURVE).pooling(Pooling.CLS).patches(4, 2, 1)
                .numClasses(4).build();
        assertExact(config, SyntheticTasks.brightQuadrant((PatchInput) config.input(), 3, new Random(1)));
    }

    @Test
    void tokenClassifierWithPaddingAndMeanPooling() {
        LionConfig config = tiny().variant(LionVariant.DECAY).trainingForm(TrainingForm.CHUNK).chunkSize(3).tokens(5, 6)
                .numClasses(2).build();
        assertExact(config, SyntheticTasks.aBeforeB((TokenInput) config.input(), 3, new Random(2)));
    }

    @Test
    void softmaxTokenClassifierWithPadding() {
        LionConfig config = tiny().variant(LionVariant.SOFTMAX).tokens(5, 6).numClasses(2).build();
        assertExact(config, SyntheticTasks.aBeforeB((TokenInput) config.input(), 3, new Random(4)));
    }

    @Test
    void maskedLanguageModelWithALabelMask() {
        LionConfig config = tiny().variant(LionVariant.LIT).tokens(5, 6).task(Task.MLM).build();
        assertExact(config, SyntheticTasks.periodicCopy((TokenInput) config.input(), 2, 0.3, 3, new Random(3)));
    }

    private static void assertExact(LionConfig config, MultiDataSet data) {
        ComputationGraph model = withoutUpdater(LionModels.configuration(config, AdamW.defaults()))
                .convertDataType(DataType.DOUBLE);
        GradientChecks.assertExact(model, data.getFeatures(0).castTo(DataType.DOUBLE),
                data.getLabels(0).castTo(DataType.DOUBLE),
                data.getFeaturesMaskArray(0) == null ? null : data.getFeaturesMaskArray(0).castTo(DataType.DOUBLE),
                data.getLabelsMaskArray(0) == null ? null : data.getLabelsMaskArray(0).castTo(DataType.DOUBLE),
                GradientChecks.MODEL, config.toString());
    }

    /** The model with plain gradients as its updates (no Adam, no decay), as the gradient check requires. */
    private static ComputationGraph withoutUpdater(ComputationGraphConfiguration configuration) {
        for (GraphVertex vertex : configuration.getVertices().values()) {
            if (vertex instanceof LayerVertex layerVertex) {
                Layer layer = layerVertex.getLayerConf().getLayer();
                if (layer instanceof BaseLayer base) {
                    base.setIUpdater(new NoOp());
                    base.setRegularization(new ArrayList<>());
                }
            }
        }
        ComputationGraph model = new ComputationGraph(configuration);
        model.init();
        return model;
    }
}
