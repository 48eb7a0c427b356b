package ai.lion.core.attention;

/** Where the per-position decay {@code a_t} of the LION mask comes from. */
public enum MaskType {
    /** LION-LIT: no decay, {@code a_t = 1}; the mask is all ones. */
    LIT,
    /** LION-D: one fixed decay per head, {@code a_t = lambda_h}; the mask is {@code lambda^|i-j|}. */
    DECAY,
    /** LION-S: one input-dependent decay per batch entry, head and position, given as {@code log a_t}. */
    SELECTIVE
}
