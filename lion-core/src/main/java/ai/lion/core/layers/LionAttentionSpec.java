package ai.lion.core.layers;

import java.io.Serializable;
import java.util.Objects;

import ai.lion.core.attention.Form;
import ai.lion.core.attention.LionOptions;
import ai.lion.core.attention.MaskType;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * What a multi-head attention mixer computes, independent of its width: the number of heads, the
 * {@link AttentionKind} (LION, or the softmax baseline), the decay variant, the training form and the
 * patch order. Immutable; build one with {@link #builder()}.
 *
 * <pre>{@code
 * LionAttentionSpec spec = LionAttentionSpec.builder()
 *         .heads(3).maskType(MaskType.SELECTIVE)
 *         .form(Form.CHUNK).chunkSize(32)
 *         .patchOrder(PatchOrder.CURVE, 14)
 *         .build();
 * }</pre>
 *
 * <p>The LION mixer is the normalised ("scaled") LION of docs/lion-math.md §1: {@code y = num / (den + 1e-6)}
 * with {@code q·k} scaled by {@code d^-1/2}, d = width / heads. The SOFTMAX mixer
 * ({@link Builder#softmax()}) has no decay (mask type LIT), the ATTENTION form and the NORMAL order only.
 */
public final class LionAttentionSpec implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Added to the normaliser of every output: {@code y = num / (den + EPS)}. */
    public static final double EPS = 1e-6;

    @JsonProperty("heads")
    private final int heads;
    @JsonProperty("kind")
    private final AttentionKind kind;
    @JsonProperty("maskType")
    private final MaskType maskType;
    @JsonProperty("form")
    private final Form form;
    @JsonProperty("chunkSize")
    private final int chunkSize;
    @JsonProperty("patchOrder")
    private final PatchOrder patchOrder;
    @JsonProperty("gridSide")
    private final int gridSide;

    @JsonCreator
    LionAttentionSpec(@JsonProperty("heads") int heads,
                      @JsonProperty("kind") AttentionKind kind,
                      @JsonProperty("maskType") MaskType maskType,
                      @JsonProperty("form") Form form,
                      @JsonProperty("chunkSize") int chunkSize,
                      @JsonProperty("patchOrder") PatchOrder patchOrder,
                      @JsonProperty("gridSide") int gridSide) {
        if (heads < 1) {
            throw new IllegalArgumentException("heads must be >= 1, got " + heads);
        }
        Objects.requireNonNull(maskType, "maskType");
        Objects.requireNonNull(form, "form");
        Objects.requireNonNull(patchOrder, "patchOrder");
        // specs stored before the softmax baseline existed have no kind: they are LION
        AttentionKind resolvedKind = kind == null ? AttentionKind.LION : kind;
        if (resolvedKind == AttentionKind.SOFTMAX && (maskType != MaskType.LIT || form != Form.ATTENTION
                || patchOrder != PatchOrder.NORMAL)) {
            throw new IllegalArgumentException("SOFTMAX attention has no decay and only the ATTENTION form:"
                    + " it needs maskType LIT, form ATTENTION and patch order NORMAL, got " + maskType + ", " + form
                    + " and " + patchOrder);
        }
        if (form == Form.RNN) {
            throw new IllegalArgumentException(
                    "form RNN is an inference form; a trainable layer takes ATTENTION or CHUNK");
        }
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be >= 1, got " + chunkSize);
        }
        if (patchOrder == PatchOrder.CURVE) {
            if (gridSide < 1) {
                throw new IllegalArgumentException("patch order CURVE needs gridSide >= 1, got " + gridSide);
            }
            if (maskType == MaskType.LIT) {
                throw new IllegalArgumentException(
                        "patch order CURVE needs a decay (DECAY or SELECTIVE); LIT has none to reorder");
            }
        } else if (gridSide != 0) {
            throw new IllegalArgumentException("gridSide is only used with patch order CURVE, got " + gridSide
                    + " with " + patchOrder);
        }
        this.heads = heads;
        this.kind = resolvedKind;
        this.maskType = maskType;
        this.form = form;
        this.chunkSize = chunkSize;
        this.patchOrder = patchOrder;
        this.gridSide = gridSide;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder preset with this spec's values. */
    public Builder toBuilder() {
        Builder b = new Builder().heads(heads).kind(kind).maskType(maskType).form(form).chunkSize(chunkSize);
        return patchOrder == PatchOrder.CURVE ? b.patchOrder(PatchOrder.CURVE, gridSide) : b;
    }

    public int heads() {
        return heads;
    }

    /** LION, or the softmax baseline. */
    public AttentionKind kind() {
        return kind;
    }

    public MaskType maskType() {
        return maskType;
    }

    public Form form() {
        return form;
    }

    /** Chunk length of the CHUNK form (unused by ATTENTION). */
    public int chunkSize() {
        return chunkSize;
    }

    public PatchOrder patchOrder() {
        return patchOrder;
    }

    /** S of the S×S patch grid for {@link PatchOrder#CURVE}; 0 for {@link PatchOrder#NORMAL}. */
    public int gridSide() {
        return gridSide;
    }

    /** The number of scan orders, each with its own decay parameters: 2 for CURVE, else 1. */
    public int scanCount() {
        return patchOrder == PatchOrder.CURVE ? 2 : 1;
    }

    /** The mixer this spec describes on tokens of width {@code width}. */
    TokenComputation mixer(long width) {
        return kind == AttentionKind.SOFTMAX ? new SoftmaxMixer(this, width) : new LionMixer(this, width);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof LionAttentionSpec)) {
            return false;
        }
        LionAttentionSpec s = (LionAttentionSpec) o;
        return heads == s.heads && kind == s.kind && maskType == s.maskType && form == s.form && chunkSize == s.chunkSize
                && patchOrder == s.patchOrder && gridSide == s.gridSide;
    }

    @Override
    public int hashCode() {
        return Objects.hash(heads, kind, maskType, form, chunkSize, patchOrder, gridSide);
    }

    @Override
    public String toString() {
        return "LionAttentionSpec{heads=" + heads + ", kind=" + kind + ", maskType=" + maskType + ", form=" + form
                + ", chunkSize=" + chunkSize + ", patchOrder=" + patchOrder + ", gridSide=" + gridSide + '}';
    }

    /**
     * Builder; defaults: 1 head, LION, DECAY, ATTENTION form, chunk size
     * {@value LionOptions#DEFAULT_CHUNK_SIZE} (used by CHUNK only),
     * NORMAL patch order.
     */
    public static final class Builder {
        private int heads = 1;
        private AttentionKind kind = AttentionKind.LION;
        private MaskType maskType = MaskType.DECAY;
        private Form form = Form.ATTENTION;
        private int chunkSize = LionOptions.DEFAULT_CHUNK_SIZE;
        private PatchOrder patchOrder = PatchOrder.NORMAL;
        private int gridSide;

        private Builder() {
        }

        /** Number of heads; must divide the layer width. */
        public Builder heads(int heads) {
            this.heads = heads;
            return this;
        }

        /** LION or SOFTMAX; SOFTMAX needs mask type LIT (see {@link #softmax()}). */
        public Builder kind(AttentionKind kind) {
            this.kind = kind;
            return this;
        }

        /** Shorthand for the softmax baseline: {@code kind(SOFTMAX).maskType(LIT)}. */
        public Builder softmax() {
            return kind(AttentionKind.SOFTMAX).maskType(MaskType.LIT);
        }

        public Builder maskType(MaskType maskType) {
            this.maskType = maskType;
            return this;
        }

        /** ATTENTION or CHUNK (RNN is rejected: it is an inference form). */
        public Builder form(Form form) {
            this.form = form;
            return this;
        }

        /** Chunk length of the CHUNK form. */
        public Builder chunkSize(int chunkSize) {
            this.chunkSize = chunkSize;
            return this;
        }

        /**
         * Patch order; {@code gridSide} is S of the S×S patch grid behind a leading cls token (the
         * sequence length must be 1 + S²). For {@link PatchOrder#NORMAL} pass 0.
         */
        public Builder patchOrder(PatchOrder patchOrder, int gridSide) {
            this.patchOrder = patchOrder;
            this.gridSide = gridSide;
            return this;
        }

        /** @throws IllegalArgumentException naming the first invalid setting */
        public LionAttentionSpec build() {
            return new LionAttentionSpec(heads, kind, maskType, form, chunkSize, patchOrder, gridSide);
        }
    }
}
