/**
 * The LION operator on batch-head tensors [R, T, d]: the training forms ATTENTION and CHUNK, forward
 * and hand-derived backward, the inference-only RNN form, and the normalisation
 * {@code num / (den + eps)} of their sums. Shared by the DL4J layers, the long-sequence encoder and the
 * {@link ai.lion.core.attention.LionAttention} facade. Beside them, {@link ai.lion.core.ops.SoftmaxAttentionOperator}:
 * the softmax attention of the baseline model, forward and backward.
 */
package ai.lion.core.ops;
