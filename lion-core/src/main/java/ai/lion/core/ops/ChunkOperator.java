package ai.lion.core.ops;

import org.nd4j.linalg.api.ndarray.INDArray;

/** TEMPORARY placeholder until the chunk operator lands. */
public final class ChunkOperator implements LionOperator {
    public ChunkOperator(int chunkSize) {
    }

    @Override
    public Pass forward(INDArray q, INDArray k, INDArray values, INDArray logDecay) {
        return new AttentionOperator().forward(q, k, values, logDecay);
    }
}
