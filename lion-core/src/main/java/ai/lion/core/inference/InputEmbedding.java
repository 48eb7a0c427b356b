package ai.lion.core.inference;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** How a model turns its input features into the first hidden states {@code [B, L, C]}. */
public sealed interface InputEmbedding permits TokenTable, PatchProjection {

    /** C. */
    long width();

    DataType dataType();

    /** L, the number of hidden positions for features of {@code steps} steps. */
    long sequenceLength(long steps);

    /**
     * The hidden states {@code [B, L, C]} (c-order, a new array) of {@code features}, in the graph
     * input's layout.
     *
     * @param rowBlock the most positions processed at once
     * @throws IllegalArgumentException if the features do not fit the embedding
     */
    INDArray embed(INDArray features, int rowBlock);

    /** The padding mask {@code [B, L]} of the hidden positions, from the input's feature mask {@code [B, steps]}. */
    INDArray sequenceMask(INDArray featureMask);
}
