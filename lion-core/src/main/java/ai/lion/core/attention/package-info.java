/**
 * The LION attention operator on per-head arrays: bidirectional linear attention with a decay mask.
 *
 * <p>For every batch entry and head, with positions {@code 0..L-1} and a decay {@code a_t} in
 * (0, 1] per position, the operator computes
 * <pre>
 *   M[i][i] = 1,   M[i][j] = a_j ··· a_{i-1} (i &gt; j),   M[i][j] = a_{i+1} ··· a_j (i &lt; j)
 *   A[i][j] = (q_i · k_j) M[i][j]
 *   y_i     = Σ_j A[i][j] v_j / (Σ_j A[i][j] + eps)     (normalised; Σ_j A[i][j] v_j otherwise)
 * </pre>
 * The {@link ai.lion.core.attention.MaskType} says where {@code a_t} comes from (none, one decay
 * per head, or one per position), and the {@link ai.lion.core.attention.Form} says how the sum is
 * evaluated: the full L×L matrix, two linear scans, or chunks with carried states.
 * {@link ai.lion.core.attention.LionAttention#of} is a validated facade over the operators of
 * {@link ai.lion.core.ops}, which compute every form; {@link ai.lion.core.attention.ReferenceLion} is
 * the naive float64 oracle they must agree with.
 *
 * <p>Arrays are ND4J {@code INDArray}s of shape [B, H, L, d] in float32 or float64; q and k are
 * expected to be feature-mapped already, and no 1/sqrt(d) scale is applied here.
 */
package ai.lion.core.attention;
