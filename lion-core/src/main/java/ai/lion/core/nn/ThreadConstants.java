package ai.lion.core.nn;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Constant arrays that a thread builds once and reuses (vectors of ones, triangle selectors), kept
 * outside any ND4J workspace so that they outlive the scope that first asked for them. Callers must
 * not modify them. A thread keeps at most {@value #MAX_PER_THREAD} and starts over when it needs more
 * (their keys include lengths, which vary with the data).
 */
public final class ThreadConstants {

    static final int MAX_PER_THREAD = 64;
    private static final ThreadLocal<Map<Object, INDArray>> KEPT = ThreadLocal.withInitial(HashMap::new);

    private ThreadConstants() {
    }

    /** The array kept under {@code key} (a value object naming its content), built by {@code build} the first time. */
    public static INDArray get(Object key, Supplier<INDArray> build) {
        Map<Object, INDArray> kept = KEPT.get();
        INDArray array = kept.get(key);
        if (array == null) {
            if (kept.size() >= MAX_PER_THREAD) {
                kept.clear();
            }
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                array = build.get();
            }
            kept.put(key, array);
        }
        return array;
    }
}
