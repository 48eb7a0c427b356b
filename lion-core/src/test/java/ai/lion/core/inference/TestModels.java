package ai.lion.core.inference;

import ai.lion.core.attention.MaskType;
import ai.lion.core.models.Pooling;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Seeded random classifiers in the DL4J layers' parameter layout (shapes and names), with weights
 * large enough that every part of the computation matters, and inputs for them.
 */
final class TestModels {

    private final Random random;
    private final DataType dataType;

    TestModels(long seed, DataType dataType) {
        this.random = new Random(seed);
        this.dataType = dataType;
    }

    /** Sizes and structure of a random model. */
    record Shape(MaskType maskType, int width, int heads, int hidden, int depth, boolean patches, int inputSize,
                 int maxLength, Pooling pooling, int classes, List<int[]> scanOrders, double gateShift) {
    }

    ReferenceClassifier.ModelSpec model(Shape shape) {
        int c = shape.width();
        Map<String, INDArray> embedding = new HashMap<>();
        if (shape.patches()) {
            embedding.put("W", normal(1 / Math.sqrt(shape.inputSize()), shape.inputSize(), c));
            embedding.put("b", normal(0.1, 1, c));
            embedding.put("cls", normal(1, 1, c, 1));
        } else {
            embedding.put("W", normal(1, shape.inputSize(), c));
        }
        INDArray positions = shape.maxLength() > 0 ? normal(0.5, 1, c, shape.maxLength()) : null;
        List<Map<String, INDArray>> blocks = new ArrayList<>();
        for (int i = 0; i < shape.depth(); i++) {
            blocks.add(block(shape));
        }
        return new ReferenceClassifier.ModelSpec(shape.maskType(), shape.heads(), shape.scanOrders(), shape.patches(),
                embedding, positions, blocks, around(1, 0.2, 1, c, 1), normal(0.1, 1, c, 1), shape.pooling(),
                normal(1 / Math.sqrt(c), c, shape.classes()), normal(0.1, 1, shape.classes()));
    }

    private Map<String, INDArray> block(Shape shape) {
        int c = shape.width();
        double scale = 1 / Math.sqrt(c);
        Map<String, INDArray> p = new HashMap<>();
        p.put("ln1Gain", around(1, 0.2, 1, c));
        p.put("ln1Bias", normal(0.1, 1, c));
        p.put("qkvW", normal(scale, c, 3 * c));
        p.put("qkvB", normal(0.1, 1, 3 * c));
        p.put("projW", normal(scale, c, c));
        p.put("projB", normal(0.1, 1, c));
        p.put("ln2Gain", around(1, 0.2, 1, c));
        p.put("ln2Bias", normal(0.1, 1, c));
        p.put("fc1W", normal(scale, c, shape.hidden()));
        p.put("fc1B", normal(0.1, 1, shape.hidden()));
        p.put("fc2W", normal(1 / Math.sqrt(shape.hidden()), shape.hidden(), c));
        p.put("fc2B", normal(0.1, 1, c));
        for (int scan = 0; scan < Math.max(1, shape.scanOrders().size()); scan++) {
            String suffix = scan == 0 ? "" : Integer.toString(scan + 1);
            if (shape.maskType() == MaskType.DECAY) {
                p.put("decay" + suffix, normal(1, 1, shape.heads()));
            } else if (shape.maskType() == MaskType.SELECTIVE) {
                p.put("gate" + suffix + "W", normal(scale, c, shape.heads()));
                p.put("gate" + suffix + "B", around(shape.gateShift(), 1, 1, shape.heads()));
            }
        }
        return p;
    }

    /** The encoder's view of {@code spec}'s parameters. */
    static ModelWeights weights(ReferenceClassifier.ModelSpec spec) {
        Map<String, INDArray> e = spec.embedding();
        InputEmbedding embedding = spec.patches()
                ? new PatchProjection(e.get("W"), e.get("b"), e.get("cls"))
                : new TokenTable(e.get("W"));
        List<BlockWeights> blocks = spec.blocks().stream()
                .map(p -> BlockWeights.fromParameters(p, spec.heads(), spec.maskType(), spec.scanOrders()))
                .toList();
        return new ModelWeights(embedding, spec.positions(), blocks, spec.normGain(), spec.normBias(), spec.pooling(),
                spec.outputW(), spec.outputB());
    }

    /** A random permutation of {@code 0..length-1}. */
    int[] permutation(int length) {
        int[] order = new int[length];
        for (int i = 0; i < length; i++) {
            order[i] = i;
        }
        for (int i = length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    /** Token ids [batch][1][length] in {@code [0, vocabulary)}. */
    double[][][] tokens(int batch, int length, int vocabulary) {
        double[][][] ids = new double[batch][1][length];
        for (double[][] row : ids) {
            for (int t = 0; t < length; t++) {
                row[0][t] = random.nextInt(vocabulary);
            }
        }
        return ids;
    }

    /** Patches [batch][patchDim][patches], standard normal. */
    double[][][] patches(int batch, int patchDim, int patches) {
        double[][][] x = new double[batch][patchDim][patches];
        for (double[][] sample : x) {
            for (double[] channel : sample) {
                for (int t = 0; t < patches; t++) {
                    channel[t] = random.nextGaussian();
                }
            }
        }
        return x;
    }

    /** A left-aligned padding mask [batch][steps] with the given number of real steps per row. */
    static double[][] mask(int steps, int... real) {
        double[][] mask = new double[real.length][steps];
        for (int b = 0; b < real.length; b++) {
            for (int t = 0; t < real[b]; t++) {
                mask[b][t] = 1;
            }
        }
        return mask;
    }

    /** {@link #mask} as a float32 array. */
    static INDArray realSteps(int steps, int... real) {
        return Nd4j.create(mask(steps, real)).castTo(DataType.FLOAT);
    }

    INDArray array(double[][][] values) {
        return Nd4j.create(values).castTo(dataType);
    }

    INDArray array(double[][] values) {
        return Nd4j.create(values).castTo(dataType);
    }

    private INDArray normal(double std, long... shape) {
        return around(0, std, shape);
    }

    private INDArray around(double mean, double std, long... shape) {
        long n = 1;
        for (long size : shape) {
            n *= size;
        }
        double[] values = new double[Math.toIntExact(n)];
        for (int i = 0; i < values.length; i++) {
            values[i] = mean + std * random.nextGaussian();
        }
        return Nd4j.create(values, shape, DataType.DOUBLE).castTo(dataType);
    }
}
