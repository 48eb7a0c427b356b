package ai.lion.core.models;

import ai.lion.core.attention.MaskType;
import ai.lion.core.layers.AttentionKind;
import ai.lion.core.layers.PatchOrder;

/**
 * The attention of every block in a model: a LION decay variant, with or without the two-curve patch
 * order ("♮" models, docs/lion-math.md §8), or the softmax baseline.
 */
public enum LionVariant {
    /** LION-LIT: no decay ({@code a_t = 1}). */
    LIT(MaskType.LIT, PatchOrder.NORMAL),
    /** LION-D: one learned decay per head. */
    DECAY(MaskType.DECAY, PatchOrder.NORMAL),
    /** LION-S: input-dependent (selective) decay per token and head. */
    SELECTIVE(MaskType.SELECTIVE, PatchOrder.NORMAL),
    /** LION-D♮: decay masks along the row and the column snake of the patch grid, averaged. */
    DECAY_CURVE(MaskType.DECAY, PatchOrder.CURVE),
    /** LION-S♮: selective masks along the row and the column snake of the patch grid, averaged. */
    SELECTIVE_CURVE(MaskType.SELECTIVE, PatchOrder.CURVE),
    /**
     * The baseline: standard softmax attention, {@code softmax(q kᵀ / √d + padding mask) v} per head, in
     * the same blocks (no decay parameters, no feature map; ATTENTION training form only).
     */
    SOFTMAX(MaskType.LIT, PatchOrder.NORMAL);

    private final MaskType maskType;
    private final PatchOrder patchOrder;

    LionVariant(MaskType maskType, PatchOrder patchOrder) {
        this.maskType = maskType;
        this.patchOrder = patchOrder;
    }

    /** What the attention computes: {@link AttentionKind#SOFTMAX} for {@link #SOFTMAX}, else LION. */
    public AttentionKind kind() {
        return this == SOFTMAX ? AttentionKind.SOFTMAX : AttentionKind.LION;
    }

    /** The decay of the attention mask (LIT, none, for SOFTMAX). */
    public MaskType maskType() {
        return maskType;
    }

    /** The scan order; {@link PatchOrder#CURVE} needs a square patch grid behind a cls token. */
    public PatchOrder patchOrder() {
        return patchOrder;
    }

    /** Whether this variant scans the patch grid along two snake curves. */
    public boolean usesCurveOrder() {
        return patchOrder == PatchOrder.CURVE;
    }
}
