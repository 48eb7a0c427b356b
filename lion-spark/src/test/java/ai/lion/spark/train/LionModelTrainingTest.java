package ai.lion.spark.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lion.core.layers.TokenLayer;
import ai.lion.core.models.AdamW;
import ai.lion.core.models.LionConfig;
import ai.lion.core.models.LionModels;
import ai.lion.core.models.LionVariant;
import ai.lion.core.models.PatchInput;
import ai.lion.spark.checkpoint.Checkpoint;
import ai.lion.spark.checkpoint.CheckpointInfo;
import ai.lion.spark.checkpoint.CheckpointStore;
import ai.lion.spark.data.DataFrameBatcher;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tiny LION patch classifier from {@code ai.lion.core.models} (LION-D, width 8, one block) trained on
 * local[2] with checkpoints on the local file system: it learns, its checkpoints restore
 * bit-identically with its {@link LionConfig}, the trainer's clipping reaches the LION layers, and
 * a run continued from a mid-epoch checkpoint ends like the full run.
 *
 * <p>dl4j-spark broadcasts the graph configuration to the workers with Java serialization, so every
 * object a LION layer configuration holds must be {@link java.io.Serializable}; this test fails with a
 * {@code NotSerializableException} naming the class otherwise.
 */
class LionModelTrainingTest extends LocalSparkTest {

    private static final Logger LOG = LoggerFactory.getLogger(LionModelTrainingTest.class);
    private static final long SEED = 11;
    private static final int PATCHES = 4;

    @TempDir
    static Path tempDir;

    /** 4×4 one-channel images in 2×2 patches: 4 patches of 4 values, as {@link SyntheticPatches} makes them. */
    private static final LionConfig CONFIG = LionConfig.builder()
            .variant(LionVariant.DECAY).width(8).depth(1).heads(2).mlpRatio(2)
            .input(new PatchInput(4, 2, 1)).numClasses(SyntheticPatches.CLASSES).seed(SEED)
            .build();

    private static final AdamW OPTIMIZER = AdamW.defaults().withWeightDecay(0.01);

    private static TrainingReport fit(String root) throws IOException {
        return LionTrainer.builder(CONFIG, OPTIMIZER)
                .data(SyntheticPatches.data(16))
                .checkpointRoot(root)
                .epochs(2).seed(SEED).workers(2).averagingFrequency(2)
                .trainingApproach(RDDTrainingApproach.Direct)
                .learningRate(LearningRateSchedule.warmupCosine(0.05, 0.25, 0.005))
                .gradientClipping(GradientClipping.l2PerLayer(1.0))
                .checkpointEverySplits(1)
                .build()
                .fit(SyntheticPatches.fixedLengthFrame(spark, SEED, 128, "train", 2, PATCHES), validation());
    }

    private static Dataset<Row> validation() {
        return SyntheticPatches.fixedLengthFrame(spark, SEED + 1, 64, "val", 2, PATCHES);
    }

    @Test
    void aLionModelLearnsCheckpointsAndResumesFromAMidEpochCheckpointBitIdentically() throws IOException {
        ComputationGraph untrained = LionModels.build(CONFIG, OPTIMIZER);
        List<MultiDataSet> validationBatches = new DataFrameBatcher(SyntheticPatches.spec(CONFIG, 16))
                .batch(validation(), 0).rdd().collect();
        EvaluationResult before = Evaluator.evaluate(sc, untrained, sc.parallelize(validationBatches, 2));
        String full = tempDir.resolve("full").toUri().toString();

        TrainingReport report = fit(full);

        EpochMetrics last = report.finalEpoch().orElseThrow();
        assertTrue(last.validationLoss() < 0.8 * before.loss(), before.loss() + " -> " + last.validationLoss());
        List<TokenLayer> lionLayers = report.model().network().getConfiguration().getVertices().values().stream()
                .filter(vertex -> vertex instanceof LayerVertex layer
                        && layer.getLayerConf().getLayer() instanceof TokenLayer)
                .map(vertex -> (TokenLayer) ((LayerVertex) vertex).getLayerConf().getLayer())
                .toList();
        assertFalse(lionLayers.isEmpty());
        lionLayers.forEach(layer -> assertEquals(GradientNormalization.ClipL2PerLayer,
                layer.getGradientNormalization(), layer::toString));

        Configuration conf = new Configuration();
        CheckpointStore store = CheckpointStore.open(full, conf);
        Checkpoint newest = store.load(store.latestValid().orElseThrow());
        assertEquals(CONFIG, newest.model().config());
        ComputationGraph restored = newest.model().network();
        for (MultiDataSet batch : validationBatches) {
            assertArrayEquals(report.model().network().output(false, batch.getFeatures(), batch.getFeaturesMaskArrays(), null)[0]
                            .ravel().toFloatVector(),
                    restored.output(false, batch.getFeatures(), batch.getFeaturesMaskArrays(), null)[0]
                            .ravel().toFloatVector(), 0f, "the restored LION model's outputs");
        }

        // a crash before the last two checkpoints were committed: continue from the one before
        String crashed = tempDir.resolve("crashed").toUri().toString();
        FileSystem local = FileSystem.getLocal(conf);
        FileUtil.copy(local, new org.apache.hadoop.fs.Path(full), local, new org.apache.hadoop.fs.Path(crashed), false,
                conf);
        List<CheckpointInfo> checkpoints = CheckpointStore.open(crashed, conf).list();
        for (CheckpointInfo lost : checkpoints.subList(checkpoints.size() - 2, checkpoints.size())) {
            local.delete(new org.apache.hadoop.fs.Path(crashed, lost.location().getName()), true);
        }
        CheckpointInfo survivor = checkpoints.get(checkpoints.size() - 3);

        TrainingReport resumed = fit(crashed);

        assertEquals(Optional.of(survivor.cursor()), resumed.resumedFrom());
        assertTrue(survivor.cursor().splitIndex() > 0, "a mid-epoch cursor: " + survivor.cursor());
        float[] want = report.model().network().params().toFloatVector();
        float[] got = resumed.model().network().params().toFloatVector();
        double largest = 0;
        for (int i = 0; i < want.length; i++) {
            largest = Math.max(largest, Math.abs(want[i] - got[i]));
        }
        LOG.info("MEASURED LION model resumed from {}: largest parameter difference {}", survivor.cursor(), largest);
        assertArrayEquals(want, got, 1e-5f);
    }
}
