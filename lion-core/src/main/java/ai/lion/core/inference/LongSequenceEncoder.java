package ai.lion.core.inference;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import ai.lion.core.models.Pooling;
import ai.lion.core.nn.Linear;
import ai.lion.core.ops.LionOperator;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Runs a trained LION classifier on long sequences with the CHUNK or RNN form of the LION operator:
 * embedding, blocks, final LayerNorm, pooling and softmax, computed exactly as the DL4J graph computes
 * them, but with memory that grows only linearly with the sequence length (no L×L array; position-wise
 * work in row blocks of bounded size).
 *
 * <pre>{@code
 * LongSequenceEncoder encoder = LongSequenceEncoder.forGraph(graph, EncoderOptions.of(Form.CHUNK));
 * Encoding encoding = encoder.encode(ids, mask);     // ids [B, L] (or [B, 1, L]), mask [B, L] or null
 * INDArray probabilities = encoding.probabilities(); // [B, classes]
 * }</pre>
 *
 * <p>Stateless apart from the weights (which it never changes), so one encoder may serve several
 * threads. The arrays it returns are outside any ND4J workspace, even when the caller has one open.
 */
public final class LongSequenceEncoder {

    private final ModelWeights weights;
    private final EncoderOptions options;
    private final List<InferenceBlock> blocks;

    private LongSequenceEncoder(ModelWeights weights, EncoderOptions options) {
        this.weights = weights;
        this.options = options;
        LionOperator operator = LionOperator.of(options.form(), options.chunkSize());
        this.blocks = weights.blocks().stream()
                .map(block -> new InferenceBlock(block, operator, options.rowBlock()))
                .toList();
    }

    /** An encoder of the model {@code weights} describes. */
    public static LongSequenceEncoder of(ModelWeights weights, EncoderOptions options) {
        return new LongSequenceEncoder(Objects.requireNonNull(weights, "weights"),
                Objects.requireNonNull(options, "options"));
    }

    /**
     * An encoder of the LION classifier {@code graph} (see {@link GraphWeights#read}); it reads the graph's
     * parameters in place, so it sees later changes to them.
     */
    public static LongSequenceEncoder forGraph(ComputationGraph graph, EncoderOptions options) {
        return of(GraphWeights.read(graph), options);
    }

    public ModelWeights weights() {
        return weights;
    }

    public EncoderOptions options() {
        return options;
    }

    /**
     * Encodes a batch of sequences.
     *
     * @param features    the model input, as the graph takes it: token ids {@code [B, L]} or {@code [B, 1, L]},
     *                    or patches {@code [B, patchDim, N]}
     * @param featureMask {@code [B, steps]} with 1 for real and 0 for padded steps, or null if none is padded
     * @throws IllegalArgumentException if the input or the mask does not fit the model (named in the message)
     */
    public Encoding encode(INDArray features, INDArray featureMask) {
        Objects.requireNonNull(features, "features");
        requireLength(weights.embedding().sequenceLength(features.size(features.rank() - 1)));
        try (MemoryWorkspace detached = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray mask = paddingMask(features, featureMask);
            try {
                INDArray pooled = pooledStates(features, mask);
                INDArray probabilities = Transforms.softmax(
                        Linear.forward(pooled, weights.classifierWeight(), weights.classifierBias()), false);
                return new Encoding(probabilities, pooled);
            } finally {
                ScratchMemory.release();
                if (mask != null) {
                    mask.close();
                }
            }
        }
    }

    /** Embedding, positions, blocks, final norm and pooling: the pooled embeddings [B, C]. */
    private INDArray pooledStates(INDArray features, INDArray mask) {
        INDArray x = weights.embedding().embed(features, options.rowBlock());
        long length = x.size(1);
        weights.positions().ifPresent(positions -> {
            INDArray used = positions.get(all(), interval(0, length)).transpose();
            for (long b = 0; b < x.size(0); b++) {
                x.get(point(b), all(), all()).addi(used);
            }
        });
        for (InferenceBlock block : blocks) {
            block.applyInPlace(x, mask);
        }
        INDArray pooled = SequencePooling.pool(x, mask, weights.normGain(), weights.normBias(), weights.pooling(),
                options.rowBlock());
        x.close();
        return pooled;
    }

    private void requireLength(long length) {
        weights.positions().ifPresent(positions -> {
            if (length > positions.size(1)) {
                throw new IllegalArgumentException("the model's learned positions cover " + positions.size(1)
                        + " positions, but the input has " + length);
            }
        });
        for (int i = 0; i < weights.blocks().size(); i++) {
            long scanned = weights.blocks().get(i).scannedLength();
            if (scanned >= 0 && scanned != length) {
                throw new IllegalArgumentException("block " + i + " scans a fixed order of " + scanned
                        + " positions (patch curves), but the input has " + length);
            }
        }
    }

    /**
     * The padding mask {@code [B, L]} of the hidden positions in the weights' data type (a new array), or
     * null if there is no padding.
     */
    private INDArray paddingMask(INDArray features, INDArray featureMask) {
        if (featureMask == null) {
            return null;
        }
        long batch = features.size(0);
        long steps = features.size(features.rank() - 1);
        if (featureMask.rank() != 2 || featureMask.size(0) != batch || featureMask.size(1) != steps) {
            throw new IllegalArgumentException("featureMask must be [batch, steps] = [" + batch + ", " + steps
                    + "], got shape " + Arrays.toString(featureMask.shape()));
        }
        INDArray mask = weights.embedding().sequenceMask(featureMask.castTo(weights.dataType())).dup('c');
        double[] values = mask.data().asDouble();
        long length = mask.size(1);
        for (int b = 0; b < batch; b++) {
            long real = 0;
            for (long t = 0; t < length; t++) {
                double value = values[(int) (b * length + t)];
                if (value != 0 && value != 1) {
                    throw new IllegalArgumentException("featureMask must hold only 0 and 1, got " + value
                            + " at batch " + b + ", step " + t);
                }
                real += (long) value;
            }
            if (real == 0) {
                throw new IllegalArgumentException("featureMask marks every step of batch " + b + " as padding");
            }
            if (weights.pooling() == Pooling.CLS && values[(int) (b * length)] == 0) {
                throw new IllegalArgumentException("CLS pooling reads position 0, but featureMask marks it as padding"
                        + " in batch " + b);
            }
        }
        if (mask.minNumber().doubleValue() == 1) {
            mask.close();
            return null;
        }
        return mask;
    }
}
