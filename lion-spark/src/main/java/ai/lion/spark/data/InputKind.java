package ai.lion.spark.data;

/** What one row of training data holds, and therefore what a minibatch built from it looks like. */
public enum InputKind {
    /** Token ids ({@code array<int>}) with one class label per sequence. */
    TOKENS,
    /** Flattened patch vectors ({@code array<float>}, [numPatches × patchDim] row-major) with one class label. */
    PATCHES,
    /** Token ids only; the batcher masks tokens BERT-style and the model predicts the originals. */
    MLM;

    /** Whether rows of this kind carry a class label column. */
    public boolean hasClassLabel() {
        return this != MLM;
    }

    /** Whether rows of this kind hold token ids (and so need a vocabulary size). */
    public boolean hasTokens() {
        return this != PATCHES;
    }
}
