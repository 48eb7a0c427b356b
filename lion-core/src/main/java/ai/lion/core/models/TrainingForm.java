package ai.lion.core.models;

/** How the attention layers compute their output while training (both give the same values). */
public enum TrainingForm {
    /** The full L×L masked attention matrix. */
    ATTENTION,
    /** Chunk-wise computation with memory linear in the sequence length (see {@link LionConfig#chunkSize()}). */
    CHUNK
}
