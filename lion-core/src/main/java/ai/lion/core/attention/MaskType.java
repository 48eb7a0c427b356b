package ai.lion.core.attention;

/**
 * The decay variant of LION attention: how much a token's contribution fades per position
 * travelled (lion-math §1). Position t carries a decay {@code a_t} in (0, 1]; the mask entry
 * between a query and a key is the product of the decays between them.
 */
public enum MaskType {
    /** LION-LIT: no decay ({@code a_t = 1}), plain bidirectional linear attention. */
    LIT,
    /** LION-D: one learned decay per head, {@code a_t = sigmoid(p_h)} for every position. */
    DECAY,
    /** LION-S: an input-dependent decay per token and head, {@code a_t = 1 - sigmoid(w_h . x_t + b_h)}. */
    SELECTIVE
}
