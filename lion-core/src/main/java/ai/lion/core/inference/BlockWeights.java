package ai.lion.core.inference;

import ai.lion.core.nn.LayerNorm;

import ai.lion.core.attention.MaskType;
import ai.lion.core.layers.LionBlockLayer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * An immutable view of one pre-LN LION block's parameters (lion-math §5), as the DL4J
 * {@code LionBlockLayer} stores them:
 * <pre>
 *   x = x + proj(Attention(LN1(x)))          attention: qkv = LN1(x)·qkvW + qkvB, H heads of d = C/H
 *   x = x + fc2(GELU(fc1(LN2(x))))
 * </pre>
 * plus the decay of every scan: DECAY {@code λ_h = sigmoid(decay_h)}, SELECTIVE
 * {@code log a = -softplus(LN1(x)·gateW + gateB)}, LIT none. A block scans the sequence once in
 * sequence order or, with scan orders (the patch curves), once along each order with its own decay
 * parameters, and averages the results. The arrays are not copied; nothing here changes them.
 */
public final class BlockWeights {

    private final int heads;
    private final MaskType maskType;
    private final List<ScanOrder> scanOrders;
    private final NormWeights norm1;
    private final LinearWeights qkv;
    private final List<INDArray> decayLogits;
    private final List<LinearWeights> gates;
    private final LinearWeights projection;
    private final NormWeights norm2;
    private final LinearWeights fc1;
    private final LinearWeights fc2;

    private BlockWeights(Parameters p, int heads, MaskType maskType, List<ScanOrder> scanOrders) {
        this.heads = heads;
        this.maskType = maskType;
        this.scanOrders = scanOrders;
        norm1 = p.norm("ln1Gain", "ln1Bias");
        long width = norm1.width();
        if (width % heads != 0) {
            throw new IllegalArgumentException("heads=" + heads + " must divide the block width " + width);
        }
        qkv = p.linear("qkvW", "qkvB", width, 3 * width);
        projection = p.linear("projW", "projB", width, width);
        norm2 = p.norm("ln2Gain", "ln2Bias");
        p.requireLength("ln2Gain", width);
        long hidden = p.array("fc1W").rank() == 2 ? p.array("fc1W").size(1) : -1;
        fc1 = p.linear("fc1W", "fc1B", width, hidden);
        fc2 = p.linear("fc2W", "fc2B", hidden, width);
        List<INDArray> logits = new ArrayList<>();
        List<LinearWeights> gateWeights = new ArrayList<>();
        for (int scan = 0; scan < scanCount(); scan++) {
            String suffix = scan == 0 ? "" : Integer.toString(scan + 1);
            if (maskType == MaskType.DECAY) {
                String name = "decay" + suffix;
                p.requireLength(name, heads);
                logits.add(p.array(name).reshape(heads));
            } else if (maskType == MaskType.SELECTIVE) {
                gateWeights.add(p.linear("gate" + suffix + "W", "gate" + suffix + "B", width, heads));
            }
        }
        decayLogits = List.copyOf(logits);
        gates = List.copyOf(gateWeights);
        p.requireOneDataType();
    }

    /**
     * Views the parameter table of a {@code LionBlockLayer} ({@code ln1Gain, ln1Bias, qkvW, qkvB, projW,
     * projB, ln2Gain, ln2Bias, fc1W, fc1B, fc2W, fc2B}, plus {@code decay, decay2, …} for DECAY or
     * {@code gateW, gateB, gate2W, gate2B, …} for SELECTIVE, one set per scan).
     *
     * @param heads      H; must divide the width C
     * @param scanOrders empty for one scan in sequence order; otherwise one scan order per scan, each
     *                   a permutation of the positions (only with DECAY or SELECTIVE)
     * @throws IllegalArgumentException naming the missing or mis-shaped parameter
     */
    public static BlockWeights fromParameters(Map<String, INDArray> parameters, int heads, MaskType maskType,
                                              List<int[]> scanOrders) {
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(maskType, "maskType");
        if (heads < 1) {
            throw new IllegalArgumentException("heads must be >= 1, got " + heads);
        }
        List<ScanOrder> orders = new ArrayList<>();
        for (int[] order : Objects.requireNonNull(scanOrders, "scanOrders")) {
            String name = "scan order " + orders.size();
            orders.add(ScanOrder.of(name, Objects.requireNonNull(order, name)));
            if (order.length != scanOrders.get(0).length) {
                throw new IllegalArgumentException("every scan order must cover the same positions, got lengths "
                        + scanOrders.get(0).length + " and " + order.length);
            }
        }
        if (!orders.isEmpty() && maskType == MaskType.LIT) {
            throw new IllegalArgumentException("scan orders need a decay to reorder (DECAY or SELECTIVE), got LIT");
        }
        return new BlockWeights(new Parameters(parameters), heads, maskType, List.copyOf(orders));
    }

    /** C. */
    public long width() {
        return norm1.width();
    }

    /** H. */
    public int heads() {
        return heads;
    }

    /** d = C / H. */
    public long headDim() {
        return width() / heads;
    }

    public MaskType maskType() {
        return maskType;
    }

    /** The number of scans: 1 in sequence order, else one per scan order. */
    public int scanCount() {
        return Math.max(1, scanOrders.size());
    }

    /** The fixed sequence length the scan orders cover, or -1 without scan orders (any length). */
    public int scannedLength() {
        return scanOrders.isEmpty() ? -1 : scanOrders.get(0).length();
    }

    /** The order of scan {@code scan}, or null when the block scans in sequence order. */
    ScanOrder scanOrder(int scan) {
        return scanOrders.isEmpty() ? null : scanOrders.get(scan);
    }

    public DataType dataType() {
        return qkv.weight().dataType();
    }

    public NormWeights norm1() {
        return norm1;
    }

    /** The joint q, k, v projection {@code [C, 3C]}: column blocks q, k, v, head h at columns h·d..(h+1)·d-1 of each. */
    public LinearWeights qkv() {
        return qkv;
    }

    public LinearWeights projection() {
        return projection;
    }

    public NormWeights norm2() {
        return norm2;
    }

    public LinearWeights fc1() {
        return fc1;
    }

    public LinearWeights fc2() {
        return fc2;
    }

    /** DECAY: the per-head logits {@code p} [H] of scan {@code scan}, with {@code λ_h = sigmoid(p_h)}. */
    public INDArray decayLogits(int scan) {
        requireMask(MaskType.DECAY);
        return decayLogits.get(scan);
    }

    /** SELECTIVE: the gate {@code [C, H]} of scan {@code scan}, with {@code log a = -softplus(LN1(x)·W + b)}. */
    public LinearWeights gate(int scan) {
        requireMask(MaskType.SELECTIVE);
        return gates.get(scan);
    }

    /** DECAY: {@code λ = sigmoid(p)} [H] of scan {@code scan}, in float64 (a new array). */
    INDArray decays(int scan) {
        return Transforms.sigmoid(decayLogits(scan).castTo(DataType.DOUBLE), true);
    }

    private void requireMask(MaskType expected) {
        if (maskType != expected) {
            throw new IllegalStateException("only a " + expected + " block has this parameter; this block is " + maskType);
        }
    }

    @Override
    public String toString() {
        return "BlockWeights{" + maskType + ", width=" + width() + ", heads=" + heads + ", hidden=" + fc1.outputs()
                + ", scans=" + scanCount() + ", " + dataType() + "}";
    }

    /** Looks parameters up by name and checks their shapes, with messages naming them. */
    private static final class Parameters {
        private final Map<String, INDArray> table;
        private final List<INDArray> used = new ArrayList<>();

        Parameters(Map<String, INDArray> table) {
            this.table = table;
        }

        INDArray array(String name) {
            INDArray array = table.get(name);
            if (array == null) {
                throw new IllegalArgumentException("block parameter '" + name + "' is missing; the block has "
                        + table.keySet());
            }
            used.add(array);
            return array;
        }

        NormWeights norm(String gain, String bias) {
            requireLength(bias, array(gain).length());
            return new NormWeights(array(gain), array(bias), LayerNorm.EPS);
        }

        LinearWeights linear(String weight, String bias, long inputs, long outputs) {
            INDArray w = array(weight);
            if (w.rank() != 2 || w.size(0) != inputs || w.size(1) != outputs) {
                throw new IllegalArgumentException("block parameter '" + weight + "' must have shape [" + inputs + ", "
                        + outputs + "], got " + Arrays.toString(w.shape()));
            }
            requireLength(bias, outputs);
            return new LinearWeights(w, array(bias));
        }

        void requireLength(String name, long length) {
            INDArray array = array(name);
            if (array.length() != length) {
                throw new IllegalArgumentException("block parameter '" + name + "' must have " + length
                        + " elements, got shape " + Arrays.toString(array.shape()));
            }
        }

        void requireOneDataType() {
            DataType first = used.get(0).dataType();
            if (first != DataType.FLOAT && first != DataType.DOUBLE) {
                throw new IllegalArgumentException("block parameters must be FLOAT or DOUBLE, got " + first);
            }
            for (INDArray array : used) {
                if (array.dataType() != first) {
                    throw new IllegalArgumentException("block parameters must share one data type, got " + first
                            + " and " + array.dataType());
                }
            }
        }
    }
}
