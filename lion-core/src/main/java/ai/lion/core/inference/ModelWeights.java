package ai.lion.core.inference;

import ai.lion.core.models.Pooling;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An immutable view of a LION sequence classifier's parameters, in the order the model applies
 * them: input embedding, optional learned positions, the blocks, the final LayerNorm, pooling, and the
 * softmax classifier. Nothing is copied.
 */
public final class ModelWeights {

    private final InputEmbedding embedding;
    private final INDArray positions;
    private final List<BlockWeights> blocks;
    private final NormWeights finalNorm;
    private final Pooling pooling;
    private final LinearWeights classifier;

    /**
     * @param positions  learned absolute positions, C·maxLength elements laid out {@code [.., C, maxLength]}
     *                   (DL4J's {@code [1, C, maxLength]}), or null if the model has none
     * @param classifier the output layer {@code [C, classes]} in front of the softmax
     * @throws IllegalArgumentException if the parts disagree on the width or the data type
     */
    public ModelWeights(InputEmbedding embedding, INDArray positions, List<BlockWeights> blocks, NormWeights finalNorm,
                        Pooling pooling, LinearWeights classifier) {
        this.embedding = Objects.requireNonNull(embedding, "embedding");
        this.blocks = List.copyOf(Objects.requireNonNull(blocks, "blocks"));
        this.finalNorm = Objects.requireNonNull(finalNorm, "finalNorm");
        this.pooling = Objects.requireNonNull(pooling, "pooling");
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        long width = embedding.width();
        DataType dataType = embedding.dataType();
        if (positions != null) {
            if (positions.length() % width != 0 || positions.rank() < 2 || positions.size(positions.rank() - 2) != width) {
                throw new IllegalArgumentException("positions must be [1, " + width + ", maxLength], got shape "
                        + Arrays.toString(positions.shape()));
            }
            requireType("positions", positions.dataType(), dataType);
            this.positions = positions.reshape(width, positions.length() / width);
        } else {
            this.positions = null;
        }
        for (int i = 0; i < this.blocks.size(); i++) {
            BlockWeights block = this.blocks.get(i);
            requireWidth("block " + i, block.width(), width);
            requireType("block " + i, block.dataType(), dataType);
        }
        requireWidth("finalNorm", finalNorm.width(), width);
        requireType("finalNorm", finalNorm.gain().dataType(), dataType);
        requireWidth("classifier", classifier.inputs(), width);
        requireType("classifier", classifier.weight().dataType(), dataType);
    }

    private static void requireWidth(String part, long actual, long width) {
        if (actual != width) {
            throw new IllegalArgumentException(part + " has width " + actual + " but the embedding has width " + width);
        }
    }

    private static void requireType(String part, DataType actual, DataType expected) {
        if (actual != expected) {
            throw new IllegalArgumentException(part + " has data type " + actual + " but the embedding has " + expected);
        }
    }

    public InputEmbedding embedding() {
        return embedding;
    }

    /** The learned positions {@code [C, maxLength]}, if the model has them. */
    public Optional<INDArray> positions() {
        return Optional.ofNullable(positions);
    }

    public List<BlockWeights> blocks() {
        return blocks;
    }

    public NormWeights finalNorm() {
        return finalNorm;
    }

    public Pooling pooling() {
        return pooling;
    }

    public LinearWeights classifier() {
        return classifier;
    }

    /** C. */
    public long width() {
        return embedding.width();
    }

    /** The number of classes. */
    public long classes() {
        return classifier.outputs();
    }

    public DataType dataType() {
        return embedding.dataType();
    }

    @Override
    public String toString() {
        return "ModelWeights{" + embedding.getClass().getSimpleName() + ", width=" + width() + ", blocks=" + blocks.size()
                + (positions == null ? "" : ", positions=" + positions.size(1)) + ", " + pooling + ", classes="
                + classes() + ", " + dataType() + "}";
    }
}
