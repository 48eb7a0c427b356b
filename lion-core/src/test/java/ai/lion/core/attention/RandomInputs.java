package ai.lion.core.attention;

import java.util.Random;
import java.util.function.DoubleSupplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Seeded random LION inputs for tests that compare implementations with each other. */
final class RandomInputs {

    /** How strongly a SELECTIVE mask decays. */
    enum Gates {
        /** a in [0.05, 1). */
        MODERATE,
        /** a = 1e-30 or a = 1, at random: the extremes that break cumulative-product masks. */
        EXTREME,
        /** a = 1 everywhere (log a = 0). */
        NONE
    }

    /** The smallest decay used by {@link Gates#EXTREME}. */
    static final double TINY_DECAY = 1e-30;

    private final Random random;

    RandomInputs(long seed) {
        this.random = new Random(seed);
    }

    /** Inputs of the given size; q and k are positive (like feature-mapped ones) when {@code positive}. */
    LionInputs.Builder builder(MaskType mask, Gates gates, DataType dataType, boolean positive,
            int batch, int heads, int length, int dim) {
        long[] shape = {batch, heads, length, dim};
        LionInputs.Builder builder = LionInputs.builder(mask)
                .q(positive ? positive(dataType, shape) : signed(dataType, shape))
                .k(positive ? positive(dataType, shape) : signed(dataType, shape))
                .v(signed(dataType, shape));
        if (mask == MaskType.DECAY) {
            builder.lambda(lambda(dataType, heads));
        } else if (mask == MaskType.SELECTIVE) {
            builder.logA(logA(gates, dataType, batch, heads, length));
        }
        return builder;
    }

    /** Uniform in [0.05, 1). */
    INDArray positive(DataType dataType, long... shape) {
        return fill(dataType, shape, () -> 0.05 + 0.95 * random.nextDouble());
    }

    /** Uniform in [-1, 1). */
    INDArray signed(DataType dataType, long... shape) {
        return fill(dataType, shape, () -> 2 * random.nextDouble() - 1);
    }

    /** One decay per head in [0.05, 1], the last head exactly 1. */
    INDArray lambda(DataType dataType, int heads) {
        int[] head = {0};
        return fill(dataType, new long[] {heads}, () -> head[0]++ == heads - 1 ? 1 : 0.05 + 0.95 * random.nextDouble());
    }

    /** log a [B, H, L] following {@code gates}. */
    INDArray logA(Gates gates, DataType dataType, long... shape) {
        return fill(dataType, shape, () -> switch (gates) {
            case MODERATE -> Math.log(0.05 + 0.95 * random.nextDouble());
            case EXTREME -> random.nextBoolean() ? Math.log(TINY_DECAY) : 0;
            case NONE -> 0;
        });
    }

    private static INDArray fill(DataType dataType, long[] shape, DoubleSupplier next) {
        long length = 1;
        for (long size : shape) {
            length *= size;
        }
        double[] values = new double[Math.toIntExact(length)];
        for (int i = 0; i < values.length; i++) {
            values[i] = next.getAsDouble();
        }
        return Nd4j.create(values, shape, DataType.DOUBLE).castTo(dataType);
    }
}
