package ai.lion.core.inference;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

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
 * @param projection {@code W [patchDim, C]} and {@code b [1, C]}
 * @param cls        the cls token, C elements in any shape
 */
public record PatchProjection(LinearWeights projection, INDArray cls) implements InputEmbedding {

    /** Checks that the cls token has the projection's width and data type. */
    public PatchProjection {
        Objects.requireNonNull(projection, "projection");
        Objects.requireNonNull(cls, "cls");
        if (cls.length() != projection.outputs() || cls.dataType() != projection.weight().dataType()) {
            throw new IllegalArgumentException("the cls token must have " + projection.outputs() + " elements of type "
                    + projection.weight().dataType() + ", got " + cls.dataType() + Arrays.toString(cls.shape()));
        }
        cls = cls.reshape(1, cls.length());
    }

    /** The length of one flattened patch. */
    public long patchDim() {
        return projection.inputs();
    }

    @Override
    public long width() {
        return projection.outputs();
    }

    @Override
    public DataType dataType() {
        return projection.weight().dataType();
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
            x.get(point(b), interval(start + 1, end + 1), all()).assign(projection.apply(rows));
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
