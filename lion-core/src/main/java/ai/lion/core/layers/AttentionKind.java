package ai.lion.core.layers;

/** What a sequence layer's multi-head attention computes between its q, k, v and output projections. */
public enum AttentionKind {
    /** Normalised LION linear attention with a decay mask ({@link LionAttentionSpec#maskType()}). */
    LION,
    /**
     * Standard softmax attention {@code softmax(q kᵀ / √d + padding mask) v} per head, bidirectional,
     * with no decay and no feature map: the baseline the LION variants are compared with. ATTENTION
     * form only.
     */
    SOFTMAX
}
