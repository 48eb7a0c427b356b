package ai.lion.core.models;

/** What a model predicts. */
public enum Task {
    /** One class per sequence. */
    CLASSIFY,
    /** The original token at every masked position (token input only). */
    MLM
}
