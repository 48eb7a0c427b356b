package ai.lion.core.layers;

import java.util.Map;

import ai.lion.core.attention.Form;
import ai.lion.core.attention.MaskType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Multi-head LION attention on a token matrix {@code [B·T, C] -> [B·T, C]}: its parameters and its
 * SameDiff graph. Shared by {@link LionAttentionLayer} and {@link LionBlockLayer}.
 *
 * <p>Parameters (Linear weights are {@code [in, out]}, biases {@code [1, out]}; names carry no
 * underscore, which DL4J reserves as the layer/parameter separator):
 * <ul>
 *   <li>{@code qkvW [C, 3C]}, {@code qkvB}: q, k, v in column blocks; head h owns columns
 *       {@code h·d .. (h+1)·d - 1} of each block;</li>
 *   <li>{@code projW [C, C]}, {@code projB}: the output projection;</li>
 *   <li>DECAY: {@code decay [1, H]} ({@code λ_h = sigmoid(decay_h)}); SELECTIVE: {@code gateW [C, H]},
 *       {@code gateB} ({@code a = 1 - sigmoid(x·gateW + gateB)}); with the CURVE order a second
 *       set {@code decay2} / {@code gate2W}, {@code gate2B} for the column-snake scan.</li>
 * </ul>
 * Initialisation: Linear weights truncated normal (std 0.02), biases 0, {@code decay} N(0, 1).
 */
final class LionAttentionGraph {

    static final String QKV_W = "qkvW";
    static final String QKV_B = "qkvB";
    static final String PROJ_W = "projW";
    static final String PROJ_B = "projB";

    private final LionAttentionSpec spec;
    private final long width;
    private final long heads;
    private final long headDim;
    private final long fixedLength;

    /**
     * @param width       C, the token width (a multiple of the head count)
     * @param fixedLength T when the graph may assume it (required by CHUNK and CURVE to build the
     *                    graph), else < 1
     * @throws IllegalArgumentException if the width is not a positive multiple of the head count
     */
    LionAttentionGraph(LionAttentionSpec spec, long width, long fixedLength) {
        checkWidth(spec, width);
        this.spec = spec;
        this.width = width;
        this.heads = spec.heads();
        this.headDim = width / spec.heads();
        this.fixedLength = fixedLength;
    }

    /** @throws IllegalArgumentException unless {@code width} is a positive multiple of the head count */
    static void checkWidth(LionAttentionSpec spec, long width) {
        if (width < 1 || width % spec.heads() != 0) {
            throw new IllegalArgumentException("width (nIn) must be a positive multiple of heads=" + spec.heads()
                    + ", got " + width);
        }
    }

    static String decayParam(int scan) {
        return scan == 0 ? "decay" : "decay" + (scan + 1);
    }

    static String gateWeightParam(int scan) {
        return scan == 0 ? "gateW" : "gate" + (scan + 1) + "W";
    }

    static String gateBiasParam(int scan) {
        return scan == 0 ? "gateB" : "gate" + (scan + 1) + "B";
    }

    void defineParameters(SDLayerParams params) {
        params.addWeightParam(QKV_W, width, 3 * width);
        params.addBiasParam(QKV_B, 1, 3 * width);
        params.addWeightParam(PROJ_W, width, width);
        params.addBiasParam(PROJ_B, 1, width);
        for (int scan = 0; scan < spec.scanCount(); scan++) {
            if (spec.maskType() == MaskType.DECAY) {
                params.addBiasParam(decayParam(scan), 1, heads);
            } else if (spec.maskType() == MaskType.SELECTIVE) {
                params.addWeightParam(gateWeightParam(scan), width, heads);
                params.addBiasParam(gateBiasParam(scan), 1, heads);
            }
        }
    }

    void initializeParameters(Map<String, INDArray> params) {
        ParamInit.truncatedNormal(params.get(QKV_W));
        params.get(QKV_B).assign(0);
        ParamInit.truncatedNormal(params.get(PROJ_W));
        params.get(PROJ_B).assign(0);
        for (int scan = 0; scan < spec.scanCount(); scan++) {
            if (spec.maskType() == MaskType.DECAY) {
                ParamInit.standardNormal(params.get(decayParam(scan)));
            } else if (spec.maskType() == MaskType.SELECTIVE) {
                ParamInit.truncatedNormal(params.get(gateWeightParam(scan)));
                params.get(gateBiasParam(scan)).assign(0);
            }
        }
    }

    /**
     * @param tokens    {@code [B·T, C]}
     * @param tokenMask {@code [B·T, 1]}, 1 for real and 0 for padded positions; null when all are real
     * @return {@code [B·T, C]}
     */
    SDVariable apply(SameDiff sd, SequenceLayout layout, SDVariable tokens, SDVariable tokenMask,
                     Map<String, SDVariable> params) {
        if (spec.needsFixedLength() && fixedLength < 1) {
            throw new IllegalStateException("LION attention with form " + spec.form() + " and patch order "
                    + spec.patchOrder() + " needs the sequence length when the graph is built: declare the input as "
                    + "InputType.recurrent(nIn, timeSeriesLength) or set sequenceLength on the layer builder");
        }
        SDVariable qkv = GraphOps.linear(tokens, params.get(QKV_W), params.get(QKV_B));
        SDVariable q = featureMap(sd, columns(qkv, 0)).mul(1.0 / Math.sqrt(headDim));
        SDVariable k = masked(sd, featureMap(sd, columns(qkv, 1)), tokenMask);
        SDVariable v = columns(qkv, 2);

        SDVariable qh = layout.splitHeads(q, heads, headDim);
        SDVariable kh = layout.splitHeads(k, heads, headDim);
        SDVariable vh = layout.splitHeads(v, heads, headDim);
        SDVariable values = sd.concat(2, vh, sd.onesLike(vh.get(SDIndex.all(), SDIndex.all(), SDIndex.interval(0, 1))));

        LionOperatorGraph operator = spec.form() == Form.CHUNK
                ? new ChunkFormGraph(sd, fixedLength, spec.chunkSize(), headDim, headDim + 1, tokens.dataType())
                : new AttentionFormGraph(sd);
        SDVariable out;
        if (spec.patchOrder() == PatchOrder.CURVE) {
            out = alongCurves(sd, layout, operator, qh, kh, values, tokens, tokenMask, params);
        } else {
            SDVariable g = spec.maskType() == MaskType.LIT ? null
                    : layout.headScalars(logDecay(sd, tokens, tokenMask, params, 0), heads);
            out = operator.apply(qh, kh, values, g);
        }
        SDVariable numerator = out.get(SDIndex.all(), SDIndex.all(), SDIndex.interval(0L, headDim));
        SDVariable denominator = out.get(SDIndex.all(), SDIndex.all(), SDIndex.interval(headDim, headDim + 1));
        SDVariable y = numerator.div(denominator.add(LionAttentionSpec.EPS));
        return GraphOps.linear(layout.mergeHeads(y, heads, headDim), params.get(PROJ_W), params.get(PROJ_B));
    }

    /**
     * The CURVE order: the operator run along the row snake and along the column snake (each with its
     * own decays, reordered along its curve), each result mapped back to raster order, averaged.
     */
    private SDVariable alongCurves(SameDiff sd, SequenceLayout layout, LionOperatorGraph operator, SDVariable qh,
                                   SDVariable kh, SDVariable values, SDVariable tokens, SDVariable tokenMask,
                                   Map<String, SDVariable> params) {
        int[][] orders = {PatchCurves.rowSnake(spec.gridSide()), PatchCurves.columnSnake(spec.gridSide())};
        SDVariable sum = null;
        for (int scan = 0; scan < orders.length; scan++) {
            TimePermutation toScan = new TimePermutation(sd, orders[scan], tokens.dataType());
            TimePermutation toRaster = new TimePermutation(sd, PatchCurves.inverse(orders[scan]), tokens.dataType());
            SDVariable g = layout.headScalars(logDecay(sd, tokens, tokenMask, params, scan), heads);
            SDVariable scanned = operator.apply(toScan.sequences(qh, headDim), toScan.sequences(kh, headDim),
                    toScan.sequences(values, headDim + 1), toScan.rows(g));
            SDVariable raster = toRaster.sequences(scanned, headDim + 1);
            sum = sum == null ? raster : sum.add(raster);
        }
        return sum.mul(1.0 / orders.length);
    }

    /** Column block {@code block} (0 = q, 1 = k, 2 = v) of the qkv projection. */
    private SDVariable columns(SDVariable qkv, int block) {
        return qkv.get(SDIndex.all(), SDIndex.interval(block * width, (block + 1) * width));
    }

    /**
     * The feature map per head: LIT {@code elu(x) + 1}; DECAY and SELECTIVE {@code silu(x) + 0.5}
     * normalised to unit L2 norm over the head dimension d.
     */
    private SDVariable featureMap(SameDiff sd, SDVariable x) {
        if (spec.maskType() == MaskType.LIT) {
            return sd.nn.elu(x).add(1.0);
        }
        SDVariable perHead = sd.reshape(x, -1, headDim);
        SDVariable shifted = perHead.mul(sd.nn.sigmoid(perHead)).add(0.5);
        // sum of squares as a product with a ones column: ND4J M2.1's sum over a length-1 axis fails
        SDVariable ones = sd.constant(Nd4j.ones(x.dataType(), headDim, 1));
        SDVariable norm = shifted.mul(shifted).mmul(ones).pow(0.5);
        return sd.reshape(shifted.div(norm), -1, width);
    }

    /** {@code log a [B·T, H]} for scan {@code scan}: 0 at padded positions. */
    private SDVariable logDecay(SameDiff sd, SDVariable tokens, SDVariable tokenMask, Map<String, SDVariable> params,
                                int scan) {
        SDVariable logits = spec.maskType() == MaskType.DECAY
                ? params.get(decayParam(scan)).neg()
                : GraphOps.linear(tokens, params.get(gateWeightParam(scan)), params.get(gateBiasParam(scan)));
        return masked(sd, GraphOps.negativeSoftplus(sd, logits), tokenMask);
    }

    /** Rows of {@code x} zeroed at padded positions; x itself when there is no mask. */
    private static SDVariable masked(SameDiff sd, SDVariable x, SDVariable tokenMask) {
        return tokenMask == null ? x : Broadcasts.multiply(sd, x, tokenMask);
    }
}
