/**
 * The row-wise pieces of LION models, each a forward pass and a hand-derived backward pass on 2-D
 * row matrices {@code [rows, C]} (one row per token), so that every projection is one 2-D gemm:
 * {@link ai.lion.core.nn.Linear}, {@link ai.lion.core.nn.LayerNorm} (eps 1e-6), the exact
 * {@link ai.lion.core.nn.Gelu} (in float32 from a rational erf, in vectorised Java loops), the q/k {@link ai.lion.core.nn.FeatureMap}s, the
 * {@link ai.lion.core.nn.DecayGate} of DECAY and SELECTIVE, {@link ai.lion.core.nn.Dropout} and
 * drop-path, and {@link ai.lion.core.nn.Heads}, which moves rows to the batch-head layout of
 * {@link ai.lion.core.ops}. Arrays are allocated in the caller's current ND4J workspace.
 *
 * <p>{@link ai.lion.core.nn.Rows} does their row and column arithmetic with ND4J's broadcasting custom
 * ops and BLAS rather than its legacy broadcast and reduction kernels, which build native buffers on
 * every call; {@link ai.lion.core.nn.ThreadConstants} keeps the constant arrays this needs (vectors of
 * ones, triangle selectors) per thread.
 */
package ai.lion.core.nn;
