package ai.lion.core.inference;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import ai.lion.core.nn.Linear;
import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Flattened patches projected to the model width, {@code patch·W + b}, behind a learned cls token at
 * position 0 (the patch classifiers' {@code PatchEmbedding}). Input {@code [B, patchDim, N]} (NCW);
 * hidden sequence of {@code N + 1} positions. A padding mask {@code [B, N]} gains a leading 1 for the
 * cls token.
 *
 * @param weight {@code W [patchDim, C]}
 * @param bias   {@code b}, C elements in any shape (viewed as {@code [1, C]})
 * @param cls    the cls token, C elements in any shape (viewed as {@code [1, C]})
 */
public record PatchProjection(INDArray weight, INDArray bias, INDArray cls) implements InputEmbedding {

    /** Checks that the weight is a matrix and that bias and cls token have its width and data type. */
    public PatchProjection {
        Objects.requireNonNull(weight, "weight");
        if (weight.rank() != 2) {
            throw new IllegalArgumentException("the patch projection must be [patchDim, width], got shape "
                    + Arrays.toString(weight.shape()));
        }
        bias = ModelWeights.row("the patch bias", bias, weight.size(1), weight.dataType());
        cls = ModelWeights.row("the cls token", cls, weight.size(1), weight.dataType());
    }

    /** The length of one flattened patch. */
    public long patchDim() {
        return weight.size(0);
    }

    @Override
    public long width() {
        return weight.size(1);
    }

    @Override
    public DataType dataType() {
        return weight.dataType();
    }

    @Override
    public long sequenceLength(long steps) {
        return steps + 1;
    }

    @Override
    public INDArray embed(INDArray features, int rowBlock) {
        if (features.rank() != 3 || features.size(1) != patchDim() || features.length() == 0) {
            throw new IllegalArgumentException("patch features must be [batch, " + patchDim() + ", patches], got shape "
                    + Arrays.toString(features.shape()));
        }
        long batch = features.size(0);
        long patches = features.size(2);
        INDArray x = Nd4j.createUninitialized(dataType(), batch, patches + 1, width());
        INDArray input = features.castTo(dataType());
        for (long b = 0; b < batch; b++) {
            x.get(point(b), interval(0, 1), all()).assign(cls);
        }
        RowBlocks.forEach(batch, patches, rowBlock, (b, start, end) -> {
            INDArray rows = input.get(point(b), all(), interval(start, end)).transpose();
            x.get(point(b), interval(start + 1, end + 1), all()).assign(Linear.forward(rows, weight, bias));
        });
        if (input != features) {
            input.close();
        }
        return x;
    }

    @Override
    public INDArray sequenceMask(INDArray featureMask) {
        if (featureMask == null) {
            return null;
        }
        return Nd4j.concat(1, Nd4j.ones(featureMask.dataType(), featureMask.size(0), 1), featureMask);
    }
}
