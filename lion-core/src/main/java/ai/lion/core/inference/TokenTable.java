package ai.lion.core.inference;

import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.shape.Gather;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Token ids looked up in an embedding table {@code [vocabulary, C]} (DL4J's
 * {@code EmbeddingSequenceLayer} without bias). Input: ids as floating-point numbers,
 * {@code [B, L]} or {@code [B, 1, L]}.
 */
public record TokenTable(INDArray table) implements InputEmbedding {

    /** Checks that the table is a matrix. */
    public TokenTable {
        Objects.requireNonNull(table, "table");
        if (table.rank() != 2) {
            throw new IllegalArgumentException("the token table must be [vocabulary, width], got shape "
                    + Arrays.toString(table.shape()));
        }
    }

    /** The number of token ids, {@code 0..vocabulary-1}. */
    public long vocabulary() {
        return table.size(0);
    }

    @Override
    public long width() {
        return table.size(1);
    }

    @Override
    public DataType dataType() {
        return table.dataType();
    }

    @Override
    public long sequenceLength(long steps) {
        return steps;
    }

    @Override
    public INDArray embed(INDArray features, int rowBlock) {
        boolean ids = features.rank() == 2 || features.rank() == 3 && features.size(1) == 1;
        if (!ids || features.length() == 0) {
            throw new IllegalArgumentException("token features must be ids [batch, time] or [batch, 1, time], got shape "
                    + Arrays.toString(features.shape()));
        }
        long batch = features.size(0);
        long length = features.size(features.rank() - 1);
        double[] values = features.reshape(batch * length).toDoubleVector();
        int[] indices = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            double id = values[i];
            if (id != Math.rint(id) || id < 0 || id >= vocabulary()) {
                throw new IllegalArgumentException("token id at batch " + i / length + ", position " + i % length
                        + " is " + id + ", not an integer in [0, " + vocabulary() + ")");
            }
            indices[i] = (int) id;
        }
        INDArray embedded = Nd4j.createUninitialized(dataType(), batch, length, width());
        Gather lookUp = new Gather(table, indices, 0);
        lookUp.addOutputArgument(embedded.reshape(batch * length, width()));
        Nd4j.exec(lookUp);
        return embedded;
    }

    @Override
    public INDArray sequenceMask(INDArray featureMask) {
        return featureMask;
    }
}
