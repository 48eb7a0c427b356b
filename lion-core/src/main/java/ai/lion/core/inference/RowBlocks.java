package ai.lion.core.inference;

import org.nd4j.linalg.api.memory.MemoryWorkspace;

/**
 * Walks the positions of a batch of sequences in blocks of at most {@code rows} consecutive positions
 * of one sequence, each in its own {@link ScratchMemory} scope, so that position-wise work
 * (projections, MLP, norms) keeps temporaries of a bounded size, reused from block to block, whatever
 * the sequence length. The work must write its results into arrays created outside the walk.
 */
final class RowBlocks {

    /** The work on one block: positions {@code [start, end)} of sequence {@code sequence}. */
    @FunctionalInterface
    interface Action {
        void apply(long sequence, long start, long end);
    }

    private RowBlocks() {
    }

    /** Calls {@code action} for every block of {@code batch} sequences of {@code length} positions. */
    static void forEach(long batch, long length, int rows, Action action) {
        for (long sequence = 0; sequence < batch; sequence++) {
            for (long start = 0; start < length; start += rows) {
                try (MemoryWorkspace scratch = ScratchMemory.scope()) {
                    action.apply(sequence, start, Math.min(start + rows, length));
                }
            }
        }
    }
}
