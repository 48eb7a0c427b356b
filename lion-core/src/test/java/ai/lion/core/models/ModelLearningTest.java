package ai.lion.core.models;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lion.core.testing.SingleThreadedNd4j;

import java.util.Random;
import java.util.function.Function;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Each model kind learns a small task that needs mixing across positions, from fresh random batches,
 * and is scored on a held-out set drawn from another seed.
 */
@Tag("slow")
@ExtendWith(SingleThreadedNd4j.class)
class ModelLearningTest {

    private static final int BATCH = 32;

    @Test
    void patchClassifierFindsTheBrightQuadrant() {
        LionConfig config = LionConfig.builder().variant(LionVariant.DECAY).width(16).depth(1).heads(2).mlpRatio(2)
                .positionalEmbedding(true).patches(8, 2, 1).numClasses(4).seed(1).build();
        PatchInput input = (PatchInput) config.input();

        double accuracy = trainAndScore(config, 3e-3, 150,
                random -> SyntheticTasks.brightQuadrant(input, BATCH, random),
                SyntheticTasks.brightQuadrant(input, 500, new Random(-1)));

        assertTrue(accuracy >= 0.9, "accuracy " + accuracy);
    }

    @Test
    void tokenClassifierTellsWhetherABeforeB() {
        LionConfig config = LionConfig.builder().variant(LionVariant.SELECTIVE).width(16).depth(1).heads(2).mlpRatio(2)
                .positionalEmbedding(true).tokens(8, 12).numClasses(2).seed(2).build();
        TokenInput input = (TokenInput) config.input();

        double accuracy = trainAndScore(config, 3e-3, 250,
                random -> SyntheticTasks.aBeforeB(input, BATCH, random),
                SyntheticTasks.aBeforeB(input, 500, new Random(-2)));

        assertTrue(accuracy >= 0.9, "accuracy " + accuracy);
    }

    @Test
    void maskedLanguageModelRecoversTheCopiedTokens() {
        LionConfig config = LionConfig.builder().variant(LionVariant.LIT).width(32).depth(1).heads(4).mlpRatio(2)
                .positionalEmbedding(true).tokens(11, 16).task(Task.MLM).seed(3).build();
        TokenInput input = (TokenInput) config.input();

        double accuracy = trainAndScore(config, 1e-2, 200,
                random -> SyntheticTasks.periodicCopy(input, 4, 0.15, BATCH, random),
                SyntheticTasks.periodicCopy(input, 4, 0.15, 300, new Random(-3)));

        assertTrue(accuracy >= 0.8, "accuracy on masked positions " + accuracy);
    }

    private static double trainAndScore(LionConfig config, double learningRate, int steps,
                                        Function<Random, MultiDataSet> batches, MultiDataSet heldOut) {
        ComputationGraph model = LionModels.build(config, AdamW.defaults().withWeightDecay(0.01));
        model.setLearningRate(learningRate);
        Random random = new Random(config.seed());
        for (int step = 0; step < steps; step++) {
            model.fit(batches.apply(random));
        }
        double accuracy = accuracy(model, heldOut);
        System.out.printf("%s %s: accuracy %.4f after %d steps%n", config.task(), config.input().getClass().getSimpleName(),
                accuracy, steps);
        return accuracy;
    }

    /** Share of correct argmax predictions, over the positions the label mask selects (all rows if none). */
    static double accuracy(ComputationGraph model, MultiDataSet data) {
        INDArray probabilities = model.output(false, data.getFeatures(), data.getFeaturesMaskArrays())[0];
        INDArray labels = data.getLabels(0);
        INDArray hit = probabilities.argMax(1).eq(labels.argMax(1)).castTo(probabilities.dataType());
        INDArray weight = data.getLabelsMaskArray(0) == null ? Nd4j.onesLike(hit) : data.getLabelsMaskArray(0);
        return hit.mul(weight).sumNumber().doubleValue() / weight.sumNumber().doubleValue();
    }
}
