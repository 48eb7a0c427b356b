package ai.lion.core.runtime;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.BaseShapeInfoProvider;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J's shape information (the {@code long} buffer of rank, shape, strides, type and order that
 * every array carries), made once per distinct shape and shared.
 *
 * <p>ND4J 1.0.0-M2.1's CPU provider caches only some of its entry points: the one every new array and
 * every view goes through ({@code BaseNDArray}'s constructors) builds a fresh native buffer each time,
 * with two temporary JavaCPP pointers and a buffer registered with ND4J's and JavaCPP's deallocators.
 * A LION training step makes about a thousand such arrays, so that bookkeeping cost garbage
 * collection and deallocator threads, and two fits sharing a JVM slowed each other down through it.
 * This provider returns the same constant buffer for the same shape, strides, element-wise stride,
 * order, data type and emptiness, as ND4J's cached entry points already do. Once
 * {@link #MAX_ENTRIES} shapes are cached, new ones are built uncached.
 *
 * <p>ND4J reads its provider from the system property {@code shapeinfoprovider} when it starts, so
 * it is installed with the JVM flag {@value #JVM_FLAG} ({@code bin/lion}, {@code
 * conf/spark-defaults.conf}, the tests and the benchmarks set it). It is for the CPU backend; the
 * CUDA backend keeps its own provider, which places shape information on the device.
 */
public final class CachingShapeInfoProvider extends BaseShapeInfoProvider {

    /** The JVM flag that makes ND4J use this provider. */
    public static final String JVM_FLAG = "-Dshapeinfoprovider=ai.lion.core.runtime.CachingShapeInfoProvider";

    /** How many distinct shapes are kept; a shape-dependent workload beyond it runs uncached. */
    public static final int MAX_ENTRIES = 20_000;

    private final ConcurrentMap<Descriptor, Pair<DataBuffer, long[]>> cache = new ConcurrentHashMap<>();

    /** Whether the running ND4J uses this provider. */
    public static boolean isActive() {
        return Nd4j.getShapeInfoProvider() instanceof CachingShapeInfoProvider;
    }

    @Override
    public Pair<DataBuffer, long[]> createShapeInformation(long[] shape, long[] stride, long elementWiseStride,
                                                           char order, DataType dataType, boolean empty) {
        return cached(new Descriptor(shape, stride, elementWiseStride, order, dataType, 0, empty),
                () -> super.createShapeInformation(shape, stride, elementWiseStride, order, dataType, empty));
    }

    @Override
    public Pair<DataBuffer, long[]> createShapeInformation(long[] shape, long[] stride, long elementWiseStride,
                                                           char order, long extras) {
        return cached(new Descriptor(shape, stride, elementWiseStride, order, null, extras, false),
                () -> super.createShapeInformation(shape, stride, elementWiseStride, order, extras));
    }

    private Pair<DataBuffer, long[]> cached(Descriptor descriptor,
                                            Supplier<Pair<DataBuffer, long[]>> build) {
        Pair<DataBuffer, long[]> hit = cache.get(descriptor);
        if (hit != null) {
            return hit;
        }
        if (cache.size() >= MAX_ENTRIES) {
            return build.get();
        }
        return cache.computeIfAbsent(descriptor.copy(), ignored -> build.get());
    }

    /** Forgets every cached shape; arrays already made keep theirs. */
    @Override
    public void purgeCache() {
        cache.clear();
    }

    /** Distinct shapes cached now. */
    public int size() {
        return cache.size();
    }

    /**
     * What makes shape information distinct: the data type and emptiness, or for ND4J's other entry
     * point the option bits ({@code extras}) that encode them. Built around the caller's arrays for a
     * lookup and copied before it becomes a key, so a caller that reuses its arrays cannot change a key.
     */
    private record Descriptor(long[] shape, long[] stride, long elementWiseStride, char order, DataType dataType,
                              long extras, boolean empty) {

        Descriptor copy() {
            return new Descriptor(shape.clone(), stride.clone(), elementWiseStride, order, dataType, extras, empty);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Descriptor that
                    && elementWiseStride == that.elementWiseStride && order == that.order
                    && dataType == that.dataType && extras == that.extras && empty == that.empty
                    && Arrays.equals(shape, that.shape) && Arrays.equals(stride, that.stride);
        }

        @Override
        public int hashCode() {
            int hash = Arrays.hashCode(shape);
            hash = 31 * hash + Arrays.hashCode(stride);
            hash = 31 * hash + Long.hashCode(elementWiseStride);
            hash = 31 * hash + order;
            hash = 31 * hash + (dataType == null ? -1 : dataType.ordinal());
            hash = 31 * hash + Long.hashCode(extras);
            return 31 * hash + Boolean.hashCode(empty);
        }
    }
}
