package ai.lion.core.inference;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import ai.lion.core.models.Pooling;
import ai.lion.core.nn.LayerNorm;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The final LayerNorm and the pooling of a classifier: the mean of the normalised states over the real
 * positions (DL4J's masked average pooling), or the normalised state of position 0.
 */
final class SequencePooling {

    private SequencePooling() {
    }

    /**
     * The pooled embeddings {@code [B, C]} of the hidden states {@code x [B, L, C]}.
     *
     * @param mask the padding mask {@code [B, L]} in the data type of x, or null if every position is real
     * @param gain the final LayerNorm's gain {@code [1, C]}; {@code bias} likewise
     */
    static INDArray pool(INDArray x, INDArray mask, INDArray gain, INDArray bias, Pooling pooling, int rowBlock) {
        long batch = x.size(0);
        long length = x.size(1);
        INDArray pooled = Nd4j.zeros(x.dataType(), batch, x.size(2));
        if (pooling == Pooling.CLS) {
            RowBlocks.forEach(batch, 1, 1, (b, start, end) ->
                    pooled.getRow(b).assign(LayerNorm.forward(x.get(point(b), interval(0, 1), all()), gain, bias)
                            .output()));
            return pooled;
        }
        RowBlocks.forEach(batch, length, rowBlock, (b, start, end) -> {
            INDArray normed = LayerNorm.forward(x.get(point(b), interval(start, end), all()), gain, bias).output();
            if (mask != null) {
                normed.muliColumnVector(mask.get(point(b), interval(start, end)).reshape(end - start, 1));
            }
            pooled.getRow(b).addi(normed.sum(0));
        });
        return mask == null ? pooled.divi(length) : pooled.diviColumnVector(mask.sum(true, 1));
    }
}
