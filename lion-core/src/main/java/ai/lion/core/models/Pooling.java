package ai.lion.core.models;

/** How a classifier turns the final token sequence into one vector. */
public enum Pooling {
    /** Mean over all (unmasked) positions; for patch models this includes the cls token (docs/lion-math.md §7). */
    MEAN,
    /** The final state of position 0 (the cls token of a patch model, the first token of a token model). */
    CLS
}
