package ai.lion.core.inference;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Frees the off-heap memory of temporaries as soon as they are used up, rather than at garbage collection. */
final class OffHeap {

    private OffHeap() {
    }

    /** Closes every array that owns its buffer; views and nulls are skipped. */
    static void release(INDArray... arrays) {
        for (INDArray array : arrays) {
            if (array != null && array.closeable()) {
                array.close();
            }
        }
    }
}
