package ai.lion.spark.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.lion.core.models.AdamW;
import ai.lion.core.models.LionConfig;
import ai.lion.core.models.LionModel;
import ai.lion.core.models.PatchInput;
import ai.lion.core.models.Provenance;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Tiny LION patch classifiers with non-zero Adam moments, and exact state comparison. */
final class TestModels {

    /** Patch classifiers of 4 patches of 4 values, width 8, one block, 3 classes. */
    private static final LionConfig.Builder TINY = LionConfig.builder().width(8).depth(1).heads(2).mlpRatio(2)
            .patches(4, 2, 1).numClasses(3);

    private TestModels() {
    }

    /** The model {@link #trained} builds for {@code seed}. */
    static LionConfig config(long seed) {
        return TINY.seed(seed).build();
    }

    /** A tiny model initialised from {@code seed} and trained for {@code steps} minibatches, with a provenance. */
    static LionModel trained(long seed, int steps) {
        return trained(config(seed), steps);
    }

    /** The patch classifier {@code config} describes, trained for {@code steps} minibatches, with a provenance. */
    static LionModel trained(LionConfig config, int steps) {
        long seed = config.seed();
        LionModel model = LionModel.build(config, AdamW.defaults(), Provenance.of(Map.of("train", "/data/train"),
                Map.of("training", seed), new Provenance.Position(steps, 0, 16L * steps)));
        model.network().setLearningRate(1e-2);
        DataSet batch = batch(config, seed, 16);
        for (int i = 0; i < steps; i++) {
            model.network().fit(batch);
        }
        return model;
    }

    /** A reproducible minibatch: uniform patches {@code [rows, patchDim, patches]}, one-hot labels cycling through the classes. */
    static DataSet batch(long seed, int rows) {
        return batch(TINY.build(), seed, rows);
    }

    private static DataSet batch(LionConfig config, long seed, int rows) {
        PatchInput input = (PatchInput) config.input();
        int classes = config.numClasses();
        Nd4j.getRandom().setSeed(seed);
        INDArray features = Nd4j.rand(DataType.FLOAT, rows, input.patchDim(), input.numPatches());
        INDArray labels = Nd4j.zeros(DataType.FLOAT, rows, classes);
        for (int row = 0; row < rows; row++) {
            labels.putScalar(row, row % classes, 1.0);
        }
        return new DataSet(features, labels);
    }

    /**
     * Asserts the same config and provenance, and bit-identical parameters, updater state, iteration
     * count and outputs on {@code input}.
     */
    static void assertSameState(LionModel expected, LionModel actual, INDArray input) {
        assertEquals(expected.config(), actual.config(), "config");
        assertEquals(expected.provenance(), actual.provenance(), "provenance");
        ComputationGraph want = expected.network();
        ComputationGraph got = actual.network();
        assertArrayEquals(values(want.params()), values(got.params()), 0.0, "parameters");
        assertArrayEquals(values(want.getUpdater().getStateViewArray()),
                values(got.getUpdater().getStateViewArray()), 0.0, "updater state");
        assertEquals(want.getConfiguration().getIterationCount(), got.getConfiguration().getIterationCount(),
                "iteration count");
        assertArrayEquals(values(want.outputSingle(input)), values(got.outputSingle(input)), 0.0, "outputs");
    }

    private static double[] values(INDArray array) {
        return array.ravel().toDoubleVector();
    }
}
