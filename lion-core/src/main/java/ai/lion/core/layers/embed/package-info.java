/**
 * Embedding layers that turn model input into the NCW token sequence {@code [batch, width, time]}
 * the LION blocks read: {@link ai.lion.core.layers.embed.PatchEmbedding} (image patches plus a cls
 * token) and {@link ai.lion.core.layers.embed.LearnedPositions} (learned absolute positions). Token
 * ids are embedded with DL4J's own {@code EmbeddingSequenceLayer}.
 */
package ai.lion.core.layers.embed;
