/**
 * Long-sequence inference: runs a trained LION classifier's weights with the CHUNK or RNN form of
 * the LION operator, with memory that grows linearly with the sequence length instead of
 * quadratically.
 *
 * <p>{@link ai.lion.core.inference.ModelWeights} views the parameters of a classifier (input
 * embedding, optional learned positions, {@link ai.lion.core.inference.BlockWeights} per block, final
 * LayerNorm, pooling, softmax classifier) without copying them.
 * {@link ai.lion.core.inference.LongSequenceEncoder} computes from them what the DL4J graph computes,
 * with the same code: the position-wise maps of {@link ai.lion.core.nn} and the operators of
 * {@link ai.lion.core.ops}, in the weights' data type, and returns the class probabilities and the
 * pooled embeddings ({@link ai.lion.core.inference.Encoding}).
 *
 * <p>Memory: the hidden states and the attention operands, O(L·C) per sequence; the position-wise
 * work (norms, projections, MLP) runs in blocks of {@link ai.lion.core.inference.EncoderOptions#rowBlock()}
 * positions, and the operator's CHUNK and RNN forms hold no L×L array. Temporaries live in a
 * per-thread ND4J workspace that is reused from row block to row block and from operator call to
 * operator call, and freed when {@code encode} returns.
 */
package ai.lion.core.inference;
