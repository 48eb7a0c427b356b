package ai.lion.core.layers;

/**
 * How the decay parameters of LION-D ({@code decay}) and LION-S ({@code gateB}) start; other parameters and
 * the LIT and softmax mixers are not affected.
 *
 * <p>A decay {@code λ} keeps a share {@code λ^n} of what lies {@code n} positions away, so a head "sees" about
 * {@code s = 1 / (1 - λ)} positions: its span. The authors' initialisation gives every head a span of one to
 * four positions, which leaves the far end of a long sequence out of reach until training has moved the
 * decays. {@link #SPREAD} starts the heads on spans from 2 positions to the whole sequence instead, as
 * state-space models start their channels on a range of time scales.
 */
public enum DecayInit {
    /**
     * As the LION authors' code: LION-D's logits drawn from N(0, 1) ({@code λ} about 0.27–0.73), LION-S's gate
     * bias 0 ({@code a ≈ 0.5}).
     */
    AUTHORS,
    /**
     * Head {@code h} of {@code H} starts at {@code λ_h = 1 - 1/s_h}, with spans {@code s_h = 2 · (T/2)^(h/(H-1))}
     * spread geometrically from 2 positions (head 0) to the sequence length {@code T} (the last head). LION-D sets
     * the logit of {@code λ_h}; LION-S sets the gate bias so that {@code a = λ_h} while the gate weights are
     * still small.
     */
    SPREAD;

    /**
     * The logit of {@link #SPREAD}'s initial decay of head {@code head}, {@code ln(s_h - 1)}; a sequence shorter
     * than 2 positions gives every head the span 2 (logit 0).
     */
    static double spreadLogit(int head, int heads, long sequenceLength) {
        if (head < 0 || head >= heads) {
            throw new IllegalArgumentException("head must be in [0, " + heads + "), got " + head);
        }
        double longest = Math.max(2, sequenceLength);
        double span = heads == 1 ? longest : 2 * Math.pow(longest / 2, (double) head / (heads - 1));
        return Math.log(span - 1);
    }
}
