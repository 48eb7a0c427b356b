package ai.lion.core.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.api.shape.options.ArrayOptionsHelper;
import org.nd4j.linalg.factory.Nd4j;

class CachingShapeInfoProviderTest {

    private static final long[] SHAPE = {4, 3, 2};
    private static final long[] C_STRIDES = {6, 2, 1};

    private final CachingShapeInfoProvider provider = new CachingShapeInfoProvider();

    /** ND4J's own, uncached shape information for the same arguments. */
    private static long[] uncached(long[] shape, long[] stride, long ews, char order, DataType type, boolean empty) {
        return Shape.createShapeInformation(shape, stride, ews, order, type, empty).asLong();
    }

    @Test
    void theSameShapeGetsTheSameConstantBufferWithNd4jsContent() {
        Pair<DataBuffer, long[]> first = provider.createShapeInformation(SHAPE, C_STRIDES, 1, 'c', DataType.FLOAT,
                false);
        Pair<DataBuffer, long[]> second = provider.createShapeInformation(SHAPE.clone(), C_STRIDES.clone(), 1, 'c',
                DataType.FLOAT, false);

        assertSame(first.getFirst(), second.getFirst());
        assertSame(first.getSecond(), second.getSecond());
        assertTrue(first.getFirst().isConstant());
        long[] expected = uncached(SHAPE, C_STRIDES, 1, 'c', DataType.FLOAT, false);
        assertArrayEquals(expected, first.getFirst().asLong());
        assertArrayEquals(expected, first.getSecond());
        assertEquals(1, provider.size());
    }

    @Test
    void everyPartOfTheDescriptionMakesADifferentEntry() {
        long[][] shapes = {SHAPE, {4, 3, 2}, {4, 3, 2}, {4, 3, 2}, {4, 3, 2}, {4, 3, 2}, {2, 3, 4}};
        long[][] strides = {C_STRIDES, {1, 4, 12}, C_STRIDES, C_STRIDES, C_STRIDES, C_STRIDES, {12, 4, 1}};
        long[] ews = {1, 1, -1, 1, 1, 1, 1};
        char[] orders = {'c', 'f', 'c', 'c', 'c', 'c', 'c'};
        DataType[] types = {DataType.FLOAT, DataType.FLOAT, DataType.FLOAT, DataType.DOUBLE, DataType.FLOAT,
                DataType.LONG, DataType.FLOAT};
        boolean[] empty = {false, false, false, false, true, false, false};
        List<DataBuffer> buffers = new ArrayList<>();
        for (int i = 0; i < shapes.length; i++) {
            DataBuffer buffer = provider.createShapeInformation(shapes[i], strides[i], ews[i], orders[i], types[i],
                    empty[i]).getFirst();
            assertArrayEquals(uncached(shapes[i], strides[i], ews[i], orders[i], types[i], empty[i]), buffer.asLong(),
                    "description " + i);
            buffers.forEach(earlier -> assertNotSame(earlier, buffer));
            buffers.add(buffer);
        }
        assertEquals(shapes.length, provider.size());
    }

    @Test
    void theOptionBitsEntryPointIsCachedApartFromTheDataTypeOne() {
        long extras = ArrayOptionsHelper.setOptionBit(0L, DataType.FLOAT);
        Pair<DataBuffer, long[]> byExtras = provider.createShapeInformation(SHAPE, C_STRIDES, 1, 'c', extras);
        Pair<DataBuffer, long[]> byType = provider.createShapeInformation(SHAPE, C_STRIDES, 1, 'c', DataType.FLOAT,
                false);

        assertSame(byExtras.getFirst(), provider.createShapeInformation(SHAPE, C_STRIDES, 1, 'c', extras).getFirst());
        assertNotSame(byExtras.getFirst(), byType.getFirst());
        assertArrayEquals(Shape.createShapeInformation(SHAPE, C_STRIDES, 1, 'c', extras).asLong(),
                byExtras.getFirst().asLong());
    }

    @Test
    void aCallerChangingItsArraysAfterwardsDoesNotChangeTheCache() {
        long[] shape = SHAPE.clone();
        long[] stride = C_STRIDES.clone();
        DataBuffer cached = provider.createShapeInformation(shape, stride, 1, 'c', DataType.FLOAT, false).getFirst();
        shape[0] = 9;
        stride[0] = 54;

        assertSame(cached, provider.createShapeInformation(SHAPE, C_STRIDES, 1, 'c', DataType.FLOAT, false).getFirst());
        assertArrayEquals(uncached(shape, stride, 1, 'c', DataType.FLOAT, false),
                provider.createShapeInformation(shape, stride, 1, 'c', DataType.FLOAT, false).getFirst().asLong());
    }

    @Test
    void beyondTheLimitShapesAreBuiltUncachedAndStillRight() {
        for (int i = 0; i < CachingShapeInfoProvider.MAX_ENTRIES; i++) {
            provider.createShapeInformation(new long[] {i + 1}, new long[] {1}, 1, 'c', DataType.FLOAT, false);
        }
        long[] beyond = {CachingShapeInfoProvider.MAX_ENTRIES + 1L, 2};
        DataBuffer first = provider.createShapeInformation(beyond, new long[] {2, 1}, 1, 'c', DataType.FLOAT, false)
                .getFirst();
        DataBuffer second = provider.createShapeInformation(beyond, new long[] {2, 1}, 1, 'c', DataType.FLOAT, false)
                .getFirst();

        assertEquals(CachingShapeInfoProvider.MAX_ENTRIES, provider.size());
        assertNotSame(first, second);
        assertArrayEquals(uncached(beyond, new long[] {2, 1}, 1, 'c', DataType.FLOAT, false), second.asLong());
        provider.purgeCache();
        assertEquals(0, provider.size());
    }

    @Test
    void concurrentCallersShareOneEntryPerShape() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<List<DataBuffer>>> callers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                callers.add(() -> {
                    List<DataBuffer> seen = new ArrayList<>();
                    for (int i = 0; i < 200; i++) {
                        seen.add(provider.createShapeInformation(new long[] {i % 50 + 1, 3}, new long[] {3, 1}, 1, 'c',
                                DataType.FLOAT, false).getFirst());
                    }
                    return seen;
                });
            }
            List<List<DataBuffer>> results = new ArrayList<>();
            for (Future<List<DataBuffer>> result : pool.invokeAll(callers)) {
                results.add(result.get());
            }
            for (List<DataBuffer> seen : results) {
                for (int i = 0; i < seen.size(); i++) {
                    assertSame(results.get(0).get(i % 50), seen.get(i));
                }
            }
            assertEquals(50, provider.size());
        } finally {
            pool.shutdownNow();
        }
    }

    /** The tests run as the jobs do: with the provider installed by {@link CachingShapeInfoProvider#JVM_FLAG}. */
    @Test
    void theTestJvmRunsNd4jWithTheProviderAndArraysShareShapes() {
        assertTrue(CachingShapeInfoProvider.isActive(), "ND4J runs without " + CachingShapeInfoProvider.JVM_FLAG);
        INDArray a = Nd4j.rand(DataType.FLOAT, 5, 7);
        INDArray b = Nd4j.rand(DataType.FLOAT, 5, 7);
        INDArray sum = a.add(b);

        assertSame(a.shapeInfoDataBuffer(), b.shapeInfoDataBuffer());
        assertSame(a.shapeInfoDataBuffer(), sum.shapeInfoDataBuffer());
        float expected = a.getFloat(1, 2) + b.getFloat(1, 2);
        INDArray reshaped = sum.reshape('c', 7, 5);
        INDArray transposed = sum.transpose();
        assertArrayEquals(new long[] {7, 5}, reshaped.shape());
        assertEquals(expected, reshaped.getFloat(1, 4), 0f);
        assertEquals(expected, transposed.getFloat(2, 1), 0f);
        assertEquals(expected, transposed.dup('c').getFloat(2, 1), 0f);
    }
}
