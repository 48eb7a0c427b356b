package ai.lion.core.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.lion.core.attention.MaskType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The parameters of a {@link TokenLayer}, in the order of the layer's flattened parameter vector:
 * names, shapes, whether DL4J treats each as a weight (regularised) or a bias, and initialisation.
 * The one place these facts are stated; the layers, their checkpoints and the inference encoder read
 * it. The attention and block tables are below; the embedding and head layers build theirs with
 * {@link #of}.
 *
 * <p>Linear weights are {@code [in, out]} and their biases {@code [1, out]}. Names carry no
 * underscore, which DL4J reserves as the layer/parameter separator. Weights come first, then biases,
 * each in the order below (the order of checkpoints written before the layers were native).
 *
 * <table>
 *   <caption>Attention parameters (C = width, H = heads)</caption>
 *   <tr><td>{@code qkvW [C, 3C]}, {@code qkvB}</td><td>q, k, v in column blocks; head h owns columns
 *       {@code h·d .. (h+1)·d - 1} of each block</td></tr>
 *   <tr><td>{@code projW [C, C]}, {@code projB}</td><td>output projection</td></tr>
 *   <tr><td>DECAY: {@code decay [1, H]}</td><td>{@code λ_h = sigmoid(decay_h)}, init N(0, 1) or
 *       {@link DecayInit#SPREAD}</td></tr>
 *   <tr><td>SELECTIVE: {@code gateW [C, H]}, {@code gateB}</td><td>{@code a = 1 - sigmoid(x gateW + gateB)},
 *       {@code gateB} init 0 or {@link DecayInit#SPREAD}</td></tr>
 *   <tr><td>CURVE order</td><td>a second set {@code decay2} / {@code gate2W}, {@code gate2B} for the
 *       column-snake scan</td></tr>
 * </table>
 * The block adds {@code ln1Gain}, {@code ln1Bias}, {@code ln2Gain}, {@code ln2Bias} ({@code [1, C]},
 * init 1 and 0), {@code fc1W [C, rC]}, {@code fc1B}, {@code fc2W [rC, C]}, {@code fc2B}. Linear
 * weights are drawn from a normal(0, 0.02) truncated at two standard deviations; biases start at 0.
 */
public final class ParameterTable {

    public static final String QKV_W = "qkvW";
    public static final String QKV_B = "qkvB";
    public static final String PROJ_W = "projW";
    public static final String PROJ_B = "projB";
    public static final String LN1_GAIN = "ln1Gain";
    public static final String LN1_BIAS = "ln1Bias";
    public static final String LN2_GAIN = "ln2Gain";
    public static final String LN2_BIAS = "ln2Bias";
    public static final String FC1_W = "fc1W";
    public static final String FC1_B = "fc1B";
    public static final String FC2_W = "fc2W";
    public static final String FC2_B = "fc2B";

    /** How a parameter starts. */
    public enum Init {
        ONES, ZEROS, TRUNCATED_NORMAL, STANDARD_NORMAL,
        /** {@link DecayInit#SPREAD}'s logit of each head's decay, for the table's sequence length. */
        SPREAD_DECAY_LOGIT,
        /** Minus {@link #SPREAD_DECAY_LOGIT}: the gate bias for which {@code 1 - sigmoid(bias)} is that decay. */
        SPREAD_GATE_BIAS
    }

    /** One parameter: its name, shape, role and initialisation. */
    public record Entry(String name, long[] shape, boolean weight, Init init) {
        public long length() {
            return Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        }
    }

    private final List<Entry> entries;
    /** The sequence length the {@code SPREAD_*} initialisations spread the decays over. */
    private final long sequenceLength;

    private ParameterTable(List<Entry> weights, List<Entry> biases, long sequenceLength) {
        List<Entry> all = new ArrayList<>(weights);
        all.addAll(biases);
        this.entries = List.copyOf(all);
        this.sequenceLength = sequenceLength;
    }

    /**
     * The table of {@code weights} then {@code biases}, each in the given order (the flattened order
     * of a SameDiff layer's parameters).
     *
     * @throws IllegalArgumentException if an entry of {@code weights} is a bias or one of {@code biases} a weight
     */
    public static ParameterTable of(List<Entry> weights, List<Entry> biases) {
        if (weights.stream().anyMatch(e -> !e.weight()) || biases.stream().anyMatch(Entry::weight)) {
            throw new IllegalArgumentException("weights must be weight entries and biases bias entries, got "
                    + weights.stream().map(Entry::name).toList() + " and " + biases.stream().map(Entry::name).toList());
        }
        return new ParameterTable(weights, biases, -1);
    }

    /** The name of the DECAY logits of scan {@code scan} (0, or 1 for the CURVE order's column snake). */
    public static String decay(int scan) {
        return scan == 0 ? "decay" : "decay" + (scan + 1);
    }

    /** The SELECTIVE gate weight of scan {@code scan}. */
    public static String gateWeight(int scan) {
        return scan == 0 ? "gateW" : "gate" + (scan + 1) + "W";
    }

    /** The SELECTIVE gate bias of scan {@code scan}. */
    public static String gateBias(int scan) {
        return scan == 0 ? "gateB" : "gate" + (scan + 1) + "B";
    }

    /**
     * The parameters of {@link LionAttentionLayer}, whose decays start as {@code decayInit} says for sequences
     * of {@code sequenceLength} positions (used by {@link DecayInit#SPREAD} only).
     */
    public static ParameterTable attention(LionAttentionSpec spec, long width, DecayInit decayInit, long sequenceLength) {
        List<Entry> weights = new ArrayList<>();
        List<Entry> biases = new ArrayList<>();
        addAttention(spec.maskType(), spec.heads(), spec.scanCount(), width, decayInit, weights, biases);
        return new ParameterTable(weights, biases, sequenceLength);
    }

    /** The parameters of {@link LionBlockLayer} with MLP width {@code hidden}; the decays as in {@link #attention}. */
    public static ParameterTable block(LionAttentionSpec spec, long width, long hidden, DecayInit decayInit,
                                      long sequenceLength) {
        return block(spec.maskType(), spec.heads(), spec.scanCount(), width, hidden, decayInit, sequenceLength);
    }

    /**
     * The names, shapes and roles of a block of {@code heads} heads whose attention scans {@code scanCount}
     * times (the decays listed with the authors' initialisation).
     */
    public static ParameterTable block(MaskType maskType, int heads, int scanCount, long width, long hidden) {
        return block(maskType, heads, scanCount, width, hidden, DecayInit.AUTHORS, -1);
    }

    private static ParameterTable block(MaskType maskType, int heads, int scanCount, long width, long hidden,
                                        DecayInit decayInit, long sequenceLength) {
        List<Entry> weights = new ArrayList<>();
        List<Entry> biases = new ArrayList<>();
        biases.add(new Entry(LN1_GAIN, new long[]{1, width}, false, Init.ONES));
        biases.add(new Entry(LN1_BIAS, new long[]{1, width}, false, Init.ZEROS));
        addAttention(maskType, heads, scanCount, width, decayInit, weights, biases);
        biases.add(new Entry(LN2_GAIN, new long[]{1, width}, false, Init.ONES));
        biases.add(new Entry(LN2_BIAS, new long[]{1, width}, false, Init.ZEROS));
        addLinear(FC1_W, FC1_B, width, hidden, weights, biases);
        addLinear(FC2_W, FC2_B, hidden, width, weights, biases);
        return new ParameterTable(weights, biases, sequenceLength);
    }

    private static void addAttention(MaskType maskType, int heads, int scanCount, long width, DecayInit decayInit,
                                     List<Entry> weights, List<Entry> biases) {
        boolean spread = decayInit == DecayInit.SPREAD;
        addLinear(QKV_W, QKV_B, width, 3 * width, weights, biases);
        addLinear(PROJ_W, PROJ_B, width, width, weights, biases);
        for (int scan = 0; scan < scanCount; scan++) {
            if (maskType == MaskType.DECAY) {
                biases.add(new Entry(decay(scan), new long[]{1, heads}, false,
                        spread ? Init.SPREAD_DECAY_LOGIT : Init.STANDARD_NORMAL));
            } else if (maskType == MaskType.SELECTIVE) {
                weights.add(new Entry(gateWeight(scan), new long[]{width, heads}, true, Init.TRUNCATED_NORMAL));
                biases.add(new Entry(gateBias(scan), new long[]{1, heads}, false,
                        spread ? Init.SPREAD_GATE_BIAS : Init.ZEROS));
            }
        }
    }

    private static void addLinear(String weight, String bias, long in, long out, List<Entry> weights,
                                  List<Entry> biases) {
        weights.add(new Entry(weight, new long[]{in, out}, true, Init.TRUNCATED_NORMAL));
        biases.add(new Entry(bias, new long[]{1, out}, false, Init.ZEROS));
    }

    /** The parameters in flattened order. */
    public List<Entry> entries() {
        return entries;
    }

    /** The total number of values. */
    public long length() {
        return entries.stream().mapToLong(Entry::length).sum();
    }

    /** Whether {@code name} is a weight (regularised); false for biases and unknown names. */
    public boolean isWeight(String name) {
        return entries.stream().anyMatch(e -> e.weight() && e.name().equals(name));
    }

    /** Whether {@code name} is a bias. */
    public boolean isBias(String name) {
        return entries.stream().anyMatch(e -> !e.weight() && e.name().equals(name));
    }

    /** The parameters as views ('c' order) of consecutive ranges of {@code flat}, in table order. */
    public Map<String, INDArray> views(INDArray flat) {
        if (flat.length() != length()) {
            throw new IllegalArgumentException("expected " + length() + " parameter values, got " + flat.length());
        }
        INDArray vector = flat.reshape(flat.length());
        Map<String, INDArray> views = new LinkedHashMap<>();
        long offset = 0;
        for (Entry e : entries) {
            views.put(e.name(), vector.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(offset, offset + e.length()))
                    .reshape('c', e.shape()));
            offset += e.length();
        }
        return views;
    }

    /** Initialises every parameter in place (random draws from ND4J's global generator, which DL4J seeds). */
    public void initialize(Map<String, INDArray> params) {
        for (Entry e : entries) {
            INDArray p = params.get(e.name());
            switch (e.init()) {
                case ONES -> p.assign(1);
                case ZEROS -> p.assign(0);
                case TRUNCATED_NORMAL -> ParamInit.truncatedNormal(p);
                case STANDARD_NORMAL -> ParamInit.standardNormal(p);
                case SPREAD_DECAY_LOGIT -> spreadLogits(p, 1);
                case SPREAD_GATE_BIAS -> spreadLogits(p, -1);
            }
        }
    }

    private void spreadLogits(INDArray perHead, double sign) {
        if (sequenceLength < 1) {
            throw new IllegalStateException("the SPREAD decay initialisation needs the sequence length, which this"
                    + " layer was not given (set it on the layer's builder or configure the network with a sequence"
                    + " input type that has one)");
        }
        int heads = (int) perHead.length();
        for (int h = 0; h < heads; h++) {
            perHead.putScalar(h, sign * DecayInit.spreadLogit(h, heads, sequenceLength));
        }
    }
}
