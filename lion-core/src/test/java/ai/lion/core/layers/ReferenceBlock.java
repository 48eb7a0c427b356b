package ai.lion.core.layers;

import java.util.Map;

import org.apache.commons.math3.special.Erf;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A plain-Java LION block at inference (no dropout): pre-LN attention via {@link ReferenceAttentionLayer},
 * residual, pre-LN MLP with the exact GELU, residual. The independent expectation for {@link LionBlockLayer}.
 */
final class ReferenceBlock {

    private final LionAttentionSpec spec;
    private final Map<String, INDArray> params;
    private final int width;

    ReferenceBlock(LionAttentionSpec spec, Map<String, INDArray> params, int width) {
        this.spec = spec;
        this.params = params;
        this.width = width;
    }

    /** @return {@code [b][t][c]} */
    double[][][] forward(INDArray x, INDArray mask) {
        int batch = (int) x.size(0);
        int length = (int) x.size(2);
        INDArray normed = Nd4j.zeros(DataType.DOUBLE, batch, width, length);
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < length; t++) {
                double[] n = layerNorm(column(x, b, t), "ln1");
                for (int c = 0; c < width; c++) {
                    normed.putScalar(b, c, t, n[c]);
                }
            }
        }
        double[][][] attention = new ReferenceAttentionLayer(spec, params, width).forward(normed, mask);
        double[][][] out = new double[batch][length][];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < length; t++) {
                double[] h = column(x, b, t);
                for (int c = 0; c < width; c++) {
                    h[c] += attention[b][t][c];
                }
                double[] hidden = linear(layerNorm(h, "ln2"), "fc1");
                for (int i = 0; i < hidden.length; i++) {
                    hidden[i] = 0.5 * hidden[i] * (1 + Erf.erf(hidden[i] / Math.sqrt(2)));
                }
                double[] mlp = linear(hidden, "fc2");
                for (int c = 0; c < width; c++) {
                    h[c] += mlp[c];
                }
                out[b][t] = h;
            }
        }
        return out;
    }

    private double[] column(INDArray x, int b, int t) {
        double[] v = new double[width];
        for (int c = 0; c < width; c++) {
            v[c] = x.getDouble(b, c, t);
        }
        return v;
    }

    private double[] layerNorm(double[] v, String name) {
        double mean = 0;
        for (double e : v) {
            mean += e / v.length;
        }
        double var = 0;
        for (double e : v) {
            var += (e - mean) * (e - mean) / v.length;
        }
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (v[i] - mean) / Math.sqrt(var + ai.lion.core.nn.LayerNorm.EPS)
                    * params.get(name + "Gain").getDouble(0, i) + params.get(name + "Bias").getDouble(0, i);
        }
        return out;
    }

    private double[] linear(double[] x, String name) {
        return ReferenceAttentionLayer.linear(x, params.get(name + "W"), params.get(name + "B"));
    }
}
