package ai.lion.core.attention;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One golden test case of the LION operator (format: {@code lion-core/src/test/resources/golden/README.md}). Arrays are
 * flat row-major; q, k, v and y have shape [B, H, L, d], logA [B, H, L], lambda [H].
 *
 * @param name      file name without {@code .json}
 * @param lambda    per-head decay, or null unless the mask is DECAY
 * @param logA      per-position log decay, or null unless the mask is SELECTIVE
 * @param y         the expected output
 */
public record GoldenVector(String name, MaskType mask, int batch, int heads, int length, int dim,
        double[] q, double[] k, double[] v, double[] lambda, double[] logA,
        double eps, boolean normalize, int chunkSize, double[] y) {

    /** The case's inputs in {@code dataType} (FLOAT or DOUBLE). */
    public LionInputs inputs(DataType dataType) {
        LionInputs.Builder builder = LionInputs.builder(mask)
                .q(array(q, dataType, batch, heads, length, dim))
                .k(array(k, dataType, batch, heads, length, dim))
                .v(array(v, dataType, batch, heads, length, dim));
        if (lambda != null) {
            builder.lambda(array(lambda, dataType, heads));
        }
        if (logA != null) {
            builder.logA(array(logA, dataType, batch, heads, length));
        }
        return builder.build();
    }

    /** The case's options: its normalize flag, eps and chunk size. */
    public LionOptions options() {
        return LionOptions.builder().normalize(normalize).eps(eps).chunkSize(chunkSize).build();
    }

    private static INDArray array(double[] values, DataType dataType, long... shape) {
        return Nd4j.create(values, shape, DataType.DOUBLE).castTo(dataType);
    }
}
