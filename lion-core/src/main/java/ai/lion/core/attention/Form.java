package ai.lion.core.attention;

/** How the LION operator is evaluated. All forms compute the same output. */
public enum Form {
    /** The full L×L masked score matrix: O(L²·d) time, O(L²) memory; fastest for short sequences. */
    ATTENTION,
    /** A forward and a backward scan with a d×d state: O(L·d²) time, memory without any L×L matrix. */
    RNN,
    /** Chunks of C positions with carried states: O(L·C·d + L·d²) time, no L×L matrix. */
    CHUNK
}
