package ai.lion.core.inference;

import ai.lion.core.attention.MaskType;
import ai.lion.core.models.Pooling;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.special.Erf;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A plain-Java float64 evaluation of a LION classifier, written from docs/lion-math.md §1, §3 and §7 with
 * loops: the full L×L mask built as products of decays, no prefix sums, no chunks, no ND4J
 * arithmetic. Slow; for tiny models only. Parameters are given as the DL4J layers name them.
 */
final class ReferenceClassifier {

    private final ModelSpec spec;

    ReferenceClassifier(ModelSpec spec) {
        this.spec = spec;
    }

    /** The model description: parameter tables plus the structure the encoder reads from the graph. */
    record ModelSpec(MaskType maskType, int heads, List<int[]> scanOrders, boolean patches,
                     Map<String, INDArray> embedding, INDArray positions,
                     List<Map<String, INDArray>> blocks, INDArray normGain, INDArray normBias,
                     Pooling pooling, INDArray outputW, INDArray outputB) {
    }

    /** Probabilities [B][classes] and pooled embeddings [B][C]. */
    record Result(double[][] probabilities, double[][] embeddings) {
    }

    /**
     * @param features ids [B][L] (token models) or patches [B][patchDim][N]
     * @param mask     [B][steps] or null
     */
    Result classify(double[][][] features, double[][] mask) {
        int batch = features.length;
        double[][] probabilities = new double[batch][];
        double[][] embeddings = new double[batch][];
        for (int b = 0; b < batch; b++) {
            double[] real = realPositions(features[b], mask == null ? null : mask[b]);
            double[][] x = embed(features[b]);
            if (spec.positions() != null) {
                double[][] pos = matrix(spec.positions().reshape(spec.positions().size(1), spec.positions().size(2)));
                for (int t = 0; t < x.length; t++) {
                    for (int c = 0; c < x[t].length; c++) {
                        x[t][c] += pos[c][t];
                    }
                }
            }
            for (Map<String, INDArray> block : spec.blocks()) {
                x = block(block, x, real);
            }
            double[] pooled = pool(x, real);
            embeddings[b] = pooled;
            probabilities[b] = softmax(add(times(pooled, matrix(spec.outputW())), vector(spec.outputB())));
        }
        return new Result(probabilities, embeddings);
    }

    private double[] realPositions(double[][] features, double[] mask) {
        int steps = features[0].length;
        double[] real = new double[spec.patches() ? steps + 1 : steps];
        for (int t = 0; t < real.length; t++) {
            int step = spec.patches() ? t - 1 : t;
            real[t] = step < 0 || mask == null ? 1 : mask[step];
        }
        return real;
    }

    private double[][] embed(double[][] features) {
        if (!spec.patches()) {
            double[][] table = matrix(spec.embedding().get("W"));
            double[] ids = features[0];
            double[][] x = new double[ids.length][];
            for (int t = 0; t < ids.length; t++) {
                x[t] = table[(int) ids[t]].clone();
            }
            return x;
        }
        double[][] w = matrix(spec.embedding().get("W"));
        double[] bias = vector(spec.embedding().get("b"));
        int patches = features[0].length;
        double[][] x = new double[patches + 1][];
        x[0] = vector(spec.embedding().get("cls"));
        for (int t = 0; t < patches; t++) {
            double[] patch = new double[features.length];
            for (int p = 0; p < patch.length; p++) {
                patch[p] = features[p][t];
            }
            x[t + 1] = add(times(patch, w), bias);
        }
        return x;
    }

    private double[][] block(Map<String, INDArray> p, double[][] x, double[] real) {
        int length = x.length;
        int width = x[0].length;
        int heads = spec.heads();
        int d = width / heads;
        double[][] qkvW = matrix(p.get("qkvW"));
        double[] qkvB = vector(p.get("qkvB"));
        double[][] normed = new double[length][];
        double[][] q = new double[length][];
        double[][] k = new double[length][];
        double[][] v = new double[length][];
        for (int t = 0; t < length; t++) {
            normed[t] = layerNorm(x[t], vector(p.get("ln1Gain")), vector(p.get("ln1Bias")));
            double[] qkv = add(times(normed[t], qkvW), qkvB);
            q[t] = new double[width];
            k[t] = new double[width];
            v[t] = new double[width];
            for (int h = 0; h < heads; h++) {
                double[] qh = featureMap(Arrays.copyOfRange(qkv, h * d, (h + 1) * d));
                double[] kh = featureMap(Arrays.copyOfRange(qkv, width + h * d, width + (h + 1) * d));
                for (int j = 0; j < d; j++) {
                    q[t][h * d + j] = qh[j] / Math.sqrt(d);
                    k[t][h * d + j] = kh[j] * real[t];
                    v[t][h * d + j] = qkv[2 * width + h * d + j];
                }
            }
        }
        int scans = Math.max(1, spec.scanOrders().size());
        double[][][] num = new double[heads][length][d];
        double[][] den = new double[heads][length];
        for (int scan = 0; scan < scans; scan++) {
            double[][] decay = decays(p, scan, normed, real);
            int[] order = spec.scanOrders().isEmpty() ? identity(length) : spec.scanOrders().get(scan);
            int[] stepOf = new int[length];
            for (int s = 0; s < length; s++) {
                stepOf[order[s]] = s;
            }
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < length; i++) {
                    for (int j = 0; j < length; j++) {
                        double a = 0;
                        for (int c = 0; c < d; c++) {
                            a += q[i][h * d + c] * k[j][h * d + c];
                        }
                        a *= mask(decay[h], order, stepOf[i], stepOf[j]) / scans;
                        den[h][i] += a;
                        for (int c = 0; c < d; c++) {
                            num[h][i][c] += a * v[j][h * d + c];
                        }
                    }
                }
            }
        }
        double[][] projW = matrix(p.get("projW"));
        double[][] fc1W = matrix(p.get("fc1W"));
        double[][] fc2W = matrix(p.get("fc2W"));
        double[][] out = new double[length][];
        for (int t = 0; t < length; t++) {
            double[] mixed = new double[width];
            for (int h = 0; h < heads; h++) {
                for (int c = 0; c < d; c++) {
                    mixed[h * d + c] = num[h][t][c] / (den[h][t] + 1e-6);
                }
            }
            double[] y = add(x[t], add(times(mixed, projW), vector(p.get("projB"))));
            double[] n2 = layerNorm(y, vector(p.get("ln2Gain")), vector(p.get("ln2Bias")));
            double[] hidden = add(times(n2, fc1W), vector(p.get("fc1B")));
            for (int c = 0; c < hidden.length; c++) {
                hidden[c] = 0.5 * hidden[c] * (1 + Erf.erf(hidden[c] / Math.sqrt(2)));
            }
            out[t] = add(y, add(times(hidden, fc2W), vector(p.get("fc2B"))));
        }
        return out;
    }

    /** a[h][t] of scan {@code scan} at raster position t: 1 for LIT and at padded positions. */
    private double[][] decays(Map<String, INDArray> p, int scan, double[][] normed, double[] real) {
        int length = normed.length;
        String suffix = scan == 0 ? "" : Integer.toString(scan + 1);
        double[][] a = new double[spec.heads()][length];
        for (int t = 0; t < length; t++) {
            double[] z = spec.maskType() == MaskType.SELECTIVE
                    ? add(times(normed[t], matrix(p.get("gate" + suffix + "W"))), vector(p.get("gate" + suffix + "B")))
                    : null;
            for (int h = 0; h < spec.heads(); h++) {
                double value = switch (spec.maskType()) {
                    case LIT -> 1;
                    case DECAY -> 1 / (1 + Math.exp(-vector(p.get("decay" + suffix))[h]));
                    case SELECTIVE -> 1 - 1 / (1 + Math.exp(-z[h]));
                };
                a[h][t] = real[t] == 0 ? 1 : value;
            }
        }
        return a;
    }

    /** M[i][j] in scan steps: the product of the decays strictly between, source included, destination excluded. */
    private static double mask(double[] a, int[] order, int i, int j) {
        double m = 1;
        if (i > j) {
            for (int s = j; s < i; s++) {
                m *= a[order[s]];
            }
        } else {
            for (int s = i + 1; s <= j; s++) {
                m *= a[order[s]];
            }
        }
        return m;
    }

    private double[] featureMap(double[] x) {
        double[] y = new double[x.length];
        if (spec.maskType() == MaskType.LIT) {
            for (int i = 0; i < x.length; i++) {
                y[i] = x[i] > 0 ? x[i] + 1 : Math.exp(x[i]);
            }
            return y;
        }
        double norm = 0;
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i] / (1 + Math.exp(-x[i])) + 0.5;
            norm += y[i] * y[i];
        }
        for (int i = 0; i < x.length; i++) {
            y[i] /= Math.sqrt(norm);
        }
        return y;
    }

    private double[] pool(double[][] x, double[] real) {
        double[] gain = vector(spec.normGain());
        double[] bias = vector(spec.normBias());
        if (spec.pooling() == Pooling.CLS) {
            return layerNorm(x[0], gain, bias);
        }
        double[] sum = new double[x[0].length];
        double count = 0;
        for (int t = 0; t < x.length; t++) {
            double[] n = layerNorm(x[t], gain, bias);
            for (int c = 0; c < n.length; c++) {
                sum[c] += real[t] * n[c];
            }
            count += real[t];
        }
        for (int c = 0; c < sum.length; c++) {
            sum[c] /= count;
        }
        return sum;
    }

    private static double[] layerNorm(double[] x, double[] gain, double[] bias) {
        double mean = 0;
        for (double value : x) {
            mean += value / x.length;
        }
        double variance = 0;
        for (double value : x) {
            variance += (value - mean) * (value - mean) / x.length;
        }
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (x[i] - mean) / Math.sqrt(variance + 1e-6) * gain[i] + bias[i];
        }
        return y;
    }

    private static double[] softmax(double[] logits) {
        double max = Arrays.stream(logits).max().orElseThrow();
        double[] p = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(logits[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    private static double[] times(double[] row, double[][] matrix) {
        double[] out = new double[matrix[0].length];
        for (int i = 0; i < row.length; i++) {
            for (int j = 0; j < out.length; j++) {
                out[j] += row[i] * matrix[i][j];
            }
        }
        return out;
    }

    private static double[] add(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] + b[i];
        }
        return out;
    }

    private static int[] identity(int length) {
        int[] order = new int[length];
        for (int i = 0; i < length; i++) {
            order[i] = i;
        }
        return order;
    }

    static double[][] matrix(INDArray array) {
        return array.castTo(DataType.DOUBLE).toDoubleMatrix();
    }

    static double[] vector(INDArray array) {
        return array.castTo(DataType.DOUBLE).reshape(array.length()).toDoubleVector();
    }
}
