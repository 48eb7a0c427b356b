package ai.lion.core.inference;

/**
 * Walks the positions of a batch of sequences in blocks of at most {@code rows} consecutive positions
 * of one sequence, so that position-wise work (projections, MLP, norms) allocates temporaries of a
 * bounded size whatever the sequence length.
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
                action.apply(sequence, start, Math.min(start + rows, length));
            }
        }
    }
}
