package ai.lion.core.inference;

import ai.lion.core.layers.ScanOrder;

import ai.lion.core.attention.MaskType;
import ai.lion.core.layers.ParameterTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An immutable view of one pre-LN LION block's parameters, named and shaped as
 * {@link ParameterTable#block} states them for the DL4J {@code LionBlockLayer}, with the block's head
 * count, decay variant and scan orders. A block scans the sequence once in sequence order or, with
 * scan orders (the patch curves), once along each order with its own decay parameters, and averages
 * the results. The arrays are not copied; nothing here changes them.
 */
public final class BlockWeights {

    private final Map<String, INDArray> parameters;
    private final int heads;
    private final MaskType maskType;
    private final List<ScanOrder> scanOrders;
    private final long width;

    private BlockWeights(Map<String, INDArray> parameters, int heads, MaskType maskType, List<ScanOrder> scanOrders,
                         long width) {
        this.parameters = parameters;
        this.heads = heads;
        this.maskType = maskType;
        this.scanOrders = scanOrders;
        this.width = width;
    }

    /**
     * Views the parameter table of a {@code LionBlockLayer} ({@link ParameterTable#block}: one decay or
     * gate set per scan).
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
        long width = required(parameters, ParameterTable.LN1_GAIN).length();
        if (width % heads != 0) {
            throw new IllegalArgumentException("heads=" + heads + " must divide the block width " + width);
        }
        INDArray fc1 = required(parameters, ParameterTable.FC1_W);
        long hidden = fc1.rank() == 2 ? fc1.size(1) : -1;
        ParameterTable table = ParameterTable.block(maskType, heads, Math.max(1, orders.size()), width, hidden);
        Map<String, INDArray> views = new LinkedHashMap<>();
        for (ParameterTable.Entry entry : table.entries()) {
            INDArray array = required(parameters, entry.name());
            boolean fits = entry.weight() ? Arrays.equals(array.shape(), entry.shape()) : array.length() == entry.length();
            if (!fits) {
                throw new IllegalArgumentException("block parameter '" + entry.name() + "' must have shape "
                        + Arrays.toString(entry.shape()) + ", got " + Arrays.toString(array.shape()));
            }
            views.put(entry.name(), array.reshape('c', entry.shape()));
        }
        requireOneDataType(views);
        return new BlockWeights(Map.copyOf(views), heads, maskType, List.copyOf(orders), width);
    }

    private static INDArray required(Map<String, INDArray> parameters, String name) {
        INDArray array = parameters.get(name);
        if (array == null) {
            throw new IllegalArgumentException("block parameter '" + name + "' is missing; the block has "
                    + parameters.keySet());
        }
        return array;
    }

    private static void requireOneDataType(Map<String, INDArray> views) {
        DataType first = views.values().iterator().next().dataType();
        if (first != DataType.FLOAT && first != DataType.DOUBLE) {
            throw new IllegalArgumentException("block parameters must be FLOAT or DOUBLE, got " + first);
        }
        views.forEach((name, array) -> {
            if (array.dataType() != first) {
                throw new IllegalArgumentException("block parameters must share one data type, got " + first
                        + " and " + array.dataType() + " ('" + name + "')");
            }
        });
    }

    /** The parameter {@code name} of {@link ParameterTable}, in the table's shape. */
    public INDArray parameter(String name) {
        INDArray array = parameters.get(name);
        if (array == null) {
            throw new IllegalArgumentException("this " + maskType + " block has no parameter '" + name + "'");
        }
        return array;
    }

    /** C. */
    public long width() {
        return width;
    }

    /** H. */
    public int heads() {
        return heads;
    }

    /** d = C / H. */
    public long headDim() {
        return width / heads;
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
        return parameter(ParameterTable.QKV_W).dataType();
    }

    @Override
    public String toString() {
        return "BlockWeights{" + maskType + ", width=" + width + ", heads=" + heads + ", hidden="
                + parameter(ParameterTable.FC1_W).size(1) + ", scans=" + scanCount() + ", " + dataType() + "}";
    }
}
