package ai.lion.core.layers;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * The unnormalised LION operator as a SameDiff sub-graph, one implementation per training form:
 * {@code out_i = sum_j (q_i·k_j) M[i][j] values_j} per batch-head row, with the mask M of lion-math §1
 * built from per-position log decays.
 */
interface LionOperatorGraph {

    /**
     * @param q        {@code [R, T, d]} feature-mapped (and scaled) queries
     * @param k        {@code [R, T, d]} feature-mapped keys, zero at padded positions
     * @param values   {@code [R, T, f]} values (the graph appends a ones column to get the normaliser)
     * @param logDecay {@code [R, T]} {@code log a_t <= 0} (0 at padded positions), or {@code null} for
     *                 no decay (LIT)
     * @return {@code [R, T, f]}
     */
    SDVariable apply(SDVariable q, SDVariable k, SDVariable values, SDVariable logDecay);
}
