package ai.lion.core.layers;

import java.util.Map;

import ai.lion.core.attention.MaskType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A plain-Java, double-loop LION attention layer written straight from the definitions
 * (docs/lion-math.md §1, §3, §8), used as the independent expectation for {@link LionAttentionLayer}.
 * Masks are built as explicit products of decays.
 */
final class ReferenceAttentionLayer {

    private final LionAttentionSpec spec;
    private final Map<String, INDArray> params;
    private final int width;
    private final int heads;
    private final int headDim;

    ReferenceAttentionLayer(LionAttentionSpec spec, Map<String, INDArray> params, int width) {
        this.spec = spec;
        this.params = params;
        this.width = width;
        this.heads = spec.heads();
        this.headDim = width / heads;
    }

    /**
     * @param x    {@code [B, C, T]}
     * @param mask {@code [B, T]} or null
     * @return {@code [b][t][c]}
     */
    double[][][] forward(INDArray x, INDArray mask) {
        int batch = (int) x.size(0);
        int length = (int) x.size(2);
        double[][][] out = new double[batch][length][width];
        for (int b = 0; b < batch; b++) {
            double[][] tokens = new double[length][width];
            double[] real = new double[length];
            for (int t = 0; t < length; t++) {
                real[t] = mask == null ? 1.0 : mask.getDouble(b, t);
                for (int c = 0; c < width; c++) {
                    tokens[t][c] = x.getDouble(b, c, t);
                }
            }
            double[][] y = new double[length][width];
            double[][] qkv = new double[length][];
            for (int t = 0; t < length; t++) {
                qkv[t] = linear(tokens[t], params.get("qkvW"), params.get("qkvB"));
            }
            for (int h = 0; h < heads; h++) {
                double[][] q = new double[length][];
                double[][] k = new double[length][];
                double[][] v = new double[length][];
                for (int t = 0; t < length; t++) {
                    q[t] = scale(featureMap(slice(qkv[t], h * headDim)), 1.0 / Math.sqrt(headDim));
                    k[t] = scale(featureMap(slice(qkv[t], width + h * headDim)), real[t]);
                    v[t] = slice(qkv[t], 2 * width + h * headDim);
                }
                double[][] m = mask(tokens, real, h);
                for (int i = 0; i < length; i++) {
                    double den = 0;
                    double[] num = new double[headDim];
                    for (int j = 0; j < length; j++) {
                        double a = dot(q[i], k[j]) * m[i][j];
                        den += a;
                        for (int e = 0; e < headDim; e++) {
                            num[e] += a * v[j][e];
                        }
                    }
                    for (int e = 0; e < headDim; e++) {
                        y[i][h * headDim + e] = num[e] / (den + LionAttentionSpec.EPS);
                    }
                }
            }
            for (int t = 0; t < length; t++) {
                out[b][t] = linear(y[t], params.get("projW"), params.get("projB"));
            }
        }
        return out;
    }

    /** The mask of head h in raster order: one scan, or the average of the two curve scans. */
    private double[][] mask(double[][] tokens, double[] real, int h) {
        int length = tokens.length;
        if (spec.patchOrder() == PatchOrder.NORMAL) {
            return scanMask(decays(tokens, real, h, 0));
        }
        double[][] avg = new double[length][length];
        int[][] orders = {PatchCurves.rowSnake(spec.gridSide()), PatchCurves.columnSnake(spec.gridSide())};
        for (int s = 0; s < 2; s++) {
            int[] order = orders[s];
            double[] raster = decays(tokens, real, h, s);
            double[] scanned = new double[length];
            for (int p = 0; p < length; p++) {
                scanned[p] = raster[order[p]];
            }
            double[][] ms = scanMask(scanned);
            for (int p = 0; p < length; p++) {
                for (int r = 0; r < length; r++) {
                    avg[order[p]][order[r]] += 0.5 * ms[p][r];
                }
            }
        }
        return avg;
    }

    /** M[i][j] = a_j ... a_{i-1} (i > j), a_{i+1} ... a_j (i < j), 1 on the diagonal. */
    static double[][] scanMask(double[] a) {
        int n = a.length;
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double prod = 1;
                if (i > j) {
                    for (int t = j; t < i; t++) {
                        prod *= a[t];
                    }
                } else {
                    for (int t = i + 1; t <= j; t++) {
                        prod *= a[t];
                    }
                }
                m[i][j] = prod;
            }
        }
        return m;
    }

    /** a_t for head h and scan s; 1 at padded positions. */
    private double[] decays(double[][] tokens, double[] real, int h, int s) {
        double[] a = new double[tokens.length];
        for (int t = 0; t < tokens.length; t++) {
            double value;
            if (spec.maskType() == MaskType.LIT) {
                value = 1;
            } else if (spec.maskType() == MaskType.DECAY) {
                value = sigmoid(params.get(s == 0 ? "decay" : "decay2").getDouble(0, h));
            } else {
                INDArray w = params.get(s == 0 ? "gateW" : "gate2W");
                double z = params.get(s == 0 ? "gateB" : "gate2B").getDouble(0, h);
                for (int c = 0; c < width; c++) {
                    z += tokens[t][c] * w.getDouble(c, h);
                }
                value = 1 - sigmoid(z);
            }
            a[t] = real[t] > 0 ? value : 1.0;
        }
        return a;
    }

    private double[] featureMap(double[] x) {
        double[] f = new double[x.length];
        if (spec.maskType() == MaskType.LIT) {
            for (int i = 0; i < x.length; i++) {
                f[i] = x[i] > 0 ? x[i] + 1 : Math.exp(x[i]);
            }
            return f;
        }
        double norm = 0;
        for (int i = 0; i < x.length; i++) {
            f[i] = x[i] * sigmoid(x[i]) + 0.5;
            norm += f[i] * f[i];
        }
        return scale(f, 1 / Math.sqrt(norm));
    }

    /** {@code x·w + bias} for {@code w [in, out]}, {@code bias [1, out]}. */
    static double[] linear(double[] x, INDArray w, INDArray bias) {
        double[] y = new double[(int) w.size(1)];
        for (int o = 0; o < y.length; o++) {
            double sum = bias.getDouble(0, o);
            for (int i = 0; i < x.length; i++) {
                sum += x[i] * w.getDouble(i, o);
            }
            y[o] = sum;
        }
        return y;
    }

    private double[] slice(double[] x, int from) {
        double[] s = new double[headDim];
        System.arraycopy(x, from, s, 0, headDim);
        return s;
    }

    private static double[] scale(double[] x, double f) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i] * f;
        }
        return y;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
