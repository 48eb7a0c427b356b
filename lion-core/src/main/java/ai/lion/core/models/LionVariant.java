package ai.lion.core.models;

/**
 * The LION decay variant of every attention layer in a model, with or without the two-curve patch
 * order ("♮" models, lion-math §5).
 */
public enum LionVariant {
    /** LION-LIT: no decay ({@code a_t = 1}). */
    LIT(false),
    /** LION-D: one learned decay per head. */
    DECAY(false),
    /** LION-S: input-dependent (selective) decay per token and head. */
    SELECTIVE(false),
    /** LION-D♮: decay masks along the row and the column snake of the patch grid, averaged. */
    DECAY_CURVE(true),
    /** LION-S♮: selective masks along the row and the column snake of the patch grid, averaged. */
    SELECTIVE_CURVE(true);

    private final boolean curve;

    LionVariant(boolean curve) {
        this.curve = curve;
    }

    /** Whether this variant scans the patch grid along two snake curves (needs a square patch grid). */
    public boolean usesCurveOrder() {
        return curve;
    }
}
