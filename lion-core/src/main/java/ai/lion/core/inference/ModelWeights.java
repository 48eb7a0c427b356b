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
    private final INDArray normGain;
    private final INDArray normBias;
    private final Pooling pooling;
    private final INDArray classifierWeight;
    private final INDArray classifierBias;

    /**
     * @param positions  learned absolute positions, C·maxLength elements laid out {@code [.., C, maxLength]}
     *                   (DL4J's {@code [1, C, maxLength]}), or null if the model has none
     * @param normGain         gain of the final LayerNorm, C elements in any shape; {@code normBias} likewise
     * @param classifierWeight the output layer {@code [C, classes]} in front of the softmax; its bias has
     *                         {@code classes} elements in any shape
     * @throws IllegalArgumentException if the parts disagree on the width or the data type
     */
    public ModelWeights(InputEmbedding embedding, INDArray positions, List<BlockWeights> blocks, INDArray normGain,
                        INDArray normBias, Pooling pooling, INDArray classifierWeight, INDArray classifierBias) {
        this.embedding = Objects.requireNonNull(embedding, "embedding");
        this.blocks = List.copyOf(Objects.requireNonNull(blocks, "blocks"));
        this.pooling = Objects.requireNonNull(pooling, "pooling");
        Objects.requireNonNull(classifierWeight, "classifierWeight");
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
        this.normGain = row("normGain", normGain, width, dataType);
        this.normBias = row("normBias", normBias, width, dataType);
        if (classifierWeight.rank() != 2) {
            throw new IllegalArgumentException("the classifier weight must be [width, classes], got shape "
                    + Arrays.toString(classifierWeight.shape()));
        }
        requireWidth("classifier", classifierWeight.size(0), width);
        requireType("classifier", classifierWeight.dataType(), dataType);
        this.classifierWeight = classifierWeight;
        this.classifierBias = row("classifierBias", classifierBias, classifierWeight.size(1), dataType);
    }

    /** {@code array} of {@code length} elements as a row {@code [1, length]} (a view). */
    static INDArray row(String part, INDArray array, long length, DataType dataType) {
        Objects.requireNonNull(array, part);
        if (array.length() != length) {
            throw new IllegalArgumentException(part + " must have " + length + " elements, got shape "
                    + Arrays.toString(array.shape()));
        }
        requireType(part, array.dataType(), dataType);
        return array.reshape(1, length);
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

    /** The final LayerNorm's gain {@code [1, C]}. */
    public INDArray normGain() {
        return normGain;
    }

    /** The final LayerNorm's bias {@code [1, C]}. */
    public INDArray normBias() {
        return normBias;
    }

    public Pooling pooling() {
        return pooling;
    }

    /** The classifier's weight {@code [C, classes]}. */
    public INDArray classifierWeight() {
        return classifierWeight;
    }

    /** The classifier's bias {@code [1, classes]}. */
    public INDArray classifierBias() {
        return classifierBias;
    }

    /** C. */
    public long width() {
        return embedding.width();
    }

    /** The number of classes. */
    public long classes() {
        return classifierWeight.size(1);
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
