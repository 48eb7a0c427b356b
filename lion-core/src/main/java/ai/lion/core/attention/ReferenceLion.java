package ai.lion.core.attention;

import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The LION operator written out literally from its definition, in float64 Java loops: for every
 * pair (i, j) the mask entry is the product of the decays strictly between i and j plus the source
 * j. O(L³) per head; meant as the yardstick for the fast forms, not for production.
 */
public final class ReferenceLion implements LionAttention {

    private final LionOptions options;

    public ReferenceLion(LionOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public INDArray apply(LionInputs inputs) {
        int batch = (int) inputs.batch();
        int heads = (int) inputs.heads();
        int length = (int) inputs.length();
        int dim = (int) inputs.dim();
        int valueDim = (int) inputs.valueDim();
        double[] q = flat(inputs.q());
        double[] k = flat(inputs.k());
        double[] v = flat(inputs.v());
        double[] real = inputs.keyMask().map(ReferenceLion::flat).orElse(null);
        double[] y = new double[batch * heads * length * valueDim];
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                double[] a = decays(inputs, b, h, real);
                int head = b * heads + h;
                for (int i = 0; i < length; i++) {
                    if (isPadding(real, b, length, i)) {
                        continue;
                    }
                    double denominator = 0;
                    double[] numerator = new double[valueDim];
                    for (int j = 0; j < length; j++) {
                        if (isPadding(real, b, length, j)) {
                            continue;
                        }
                        double score = dot(q, (head * length + i) * dim, k, (head * length + j) * dim, dim)
                                * mask(a, i, j);
                        denominator += score;
                        for (int c = 0; c < valueDim; c++) {
                            numerator[c] += score * v[(head * length + j) * valueDim + c];
                        }
                    }
                    double scale = options.normalize() ? 1 / (denominator + options.eps()) : 1;
                    for (int c = 0; c < valueDim; c++) {
                        y[(head * length + i) * valueDim + c] = numerator[c] * scale;
                    }
                }
            }
        }
        return Nd4j.create(y, new long[] {batch, heads, length, valueDim}, DataType.DOUBLE)
                .castTo(inputs.dataType());
    }

    /** M[i][j] = a_j ··· a_{i-1} for i > j, a_{i+1} ··· a_j for i < j, 1 for i = j. */
    private static double mask(double[] a, int i, int j) {
        double product = 1;
        if (j < i) {
            for (int t = j; t < i; t++) {
                product *= a[t];
            }
        } else {
            for (int t = i + 1; t <= j; t++) {
                product *= a[t];
            }
        }
        return product;
    }

    /** a_t of one head and batch entry; a padded position does not decay (a = 1). */
    private static double[] decays(LionInputs inputs, int b, int h, double[] real) {
        int length = (int) inputs.length();
        double[] a = new double[length];
        for (int t = 0; t < length; t++) {
            a[t] = isPadding(real, b, length, t) ? 1 : switch (inputs.maskType()) {
                case LIT -> 1;
                case DECAY -> inputs.lambda().orElseThrow().getDouble(h);
                case SELECTIVE -> Math.exp(inputs.logA().orElseThrow().getDouble(b, h, t));
            };
        }
        return a;
    }

    private static boolean isPadding(double[] real, int b, int length, int t) {
        return real != null && real[b * length + t] == 0;
    }

    private static double dot(double[] x, int xOffset, double[] y, int yOffset, int n) {
        double sum = 0;
        for (int c = 0; c < n; c++) {
            sum += x[xOffset + c] * y[yOffset + c];
        }
        return sum;
    }

    private static double[] flat(INDArray array) {
        return array.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }
}
