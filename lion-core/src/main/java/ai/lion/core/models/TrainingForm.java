package ai.lion.core.models;

import ai.lion.core.attention.Form;

/**
 * How the attention layers compute their output while training (both give the same values): the
 * trainable subset of {@link Form}.
 */
public enum TrainingForm {
    /** The full L×L masked attention matrix. */
    ATTENTION(Form.ATTENTION),
    /** Chunk-wise computation with memory linear in the sequence length (see {@link LionConfig#chunkSize()}). */
    CHUNK(Form.CHUNK);

    private final Form form;

    TrainingForm(Form form) {
        this.form = form;
    }

    /** The attention form the layers compute. */
    public Form form() {
        return form;
    }
}
