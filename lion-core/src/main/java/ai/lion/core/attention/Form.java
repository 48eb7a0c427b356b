package ai.lion.core.attention;

/**
 * The three equivalent ways of computing LION attention (lion-math §1, §3, §4). All give the same
 * output; they differ in time and memory.
 */
public enum Form {
    /** The full L×L masked attention matrix: fastest to train, O(L²) memory. */
    ATTENTION,
    /** The bidirectional recurrence: O(L) time, state independent of L; suited to inference. */
    RNN,
    /** Chunkwise: attention inside fixed-size chunks, recurrent state passing between them. */
    CHUNK
}
