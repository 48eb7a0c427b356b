package ai.lion.spark.score;

import ai.lion.core.models.AdamW;
import ai.lion.core.models.LionConfig;
import ai.lion.core.models.LionModel;
import ai.lion.core.models.LionModels;
import ai.lion.core.models.Provenance;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Tiny LION sequence classifiers (one block of width 8, no positional embeddings, so they read
 * sequences of any length up to {@link #MAX_LENGTH}), and the expected outputs of one sequence
 * computed directly with the network.
 */
public final class TinyClassifiers {

    /** The models' sequence length: the longest sequence their batch specs accept. */
    public static final int MAX_LENGTH = 1000;
    /** The side of the patch models' image grid, in patches of one pixel. */
    public static final int GRID = 10;

    private TinyClassifiers() {
    }

    private static LionConfig.Builder tiny(int classes, long seed) {
        return LionConfig.builder().width(8).depth(1).heads(2).mlpRatio(1).numClasses(classes).seed(seed);
    }

    /** Token ids {@code [batch, 1, time]} of a {@code vocabulary} → LION block → mean pool → softmax. */
    public static LionModel tokens(int vocabulary, int classes, long seed) {
        return initialised(tiny(classes, seed).tokens(vocabulary, MAX_LENGTH).build());
    }

    /**
     * Patch vectors {@code [batch, patchDim, time]} → LION block → mean pool → softmax; up to
     * {@code GRID²} patches of {@code patchDim} values each (one pixel of {@code patchDim} channels).
     */
    public static LionModel patches(int patchDim, int classes, long seed) {
        return initialised(tiny(classes, seed).patches(GRID, 1, patchDim).build());
    }

    /** A model of {@code config} whose parameters are spread out from the seed, so that outputs differ by input. */
    private static LionModel initialised(LionConfig config) {
        ComputationGraph network = LionModels.build(config, AdamW.defaults());
        Nd4j.getRandom().setSeed(config.seed());
        network.params().addi(Nd4j.randn(DataType.FLOAT, network.params().shape()).muli(0.3));
        return new LionModel(network, config, Provenance.unknown());
    }

    /** Writes {@code model} as a LionModel file (with updater state) and returns its path. */
    public static Path save(LionModel model, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            model.write(out, true);
        }
        return file;
    }

    /** One token sequence as the network's input {@code [1, 1, length]}, unpadded and unmasked. */
    public static INDArray tokenInput(int... ids) {
        float[] values = new float[ids.length];
        for (int t = 0; t < ids.length; t++) {
            values[t] = ids[t];
        }
        return Nd4j.create(values, new long[] {1, 1, ids.length}, DataType.FLOAT);
    }

    /** One patch sequence {@code [steps × patchDim]} row-major as the network's input {@code [1, patchDim, steps]}. */
    public static INDArray patchInput(float[] rowMajor, int patchDim) {
        int steps = rowMajor.length / patchDim;
        return Nd4j.create(rowMajor, new long[] {1, steps, patchDim}, DataType.FLOAT).permute(0, 2, 1).dup();
    }

    /** The softmax output of {@code model} for one sequence, computed on its own. */
    public static float[] probabilities(LionModel model, INDArray input) {
        return model.network().outputSingle(false, input).toFloatVector();
    }

    /** The pooled embedding ({@link LionModels#POOLED}) of {@code model} for one sequence, computed on its own. */
    public static float[] pooled(LionModel model, INDArray input) {
        return model.network().feedForward(new INDArray[] {input}, false).get(LionModels.POOLED).toFloatVector();
    }
}
