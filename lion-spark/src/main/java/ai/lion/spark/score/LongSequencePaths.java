package ai.lion.spark.score;

import ai.lion.core.attention.Form;
import ai.lion.core.inference.EncoderOptions;
import ai.lion.core.inference.Encoding;
import ai.lion.core.inference.GraphWeights;
import ai.lion.core.inference.LongSequenceEncoder;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the {@link ScoringPath} for sequences longer than the scorer's threshold, by the attention
 * form they should be computed in.
 *
 * <ul>
 *   <li>{@link Form#ATTENTION}: the plain graph ({@link GraphOutputPath}); its memory grows with the
 *       square of the sequence length.</li>
 *   <li>{@link Form#CHUNK}, {@link Form#RNN}: the long-sequence encoder of {@code ai.lion.core.inference},
 *       which runs the model's own weights in that form with memory linear in the sequence length and
 *       computes what the graph computes. A model without LION blocks (e.g. the softmax baseline) has
 *       no linear-time form; it is scored by its graph (a warning is logged once).</li>
 * </ul>
 */
public final class LongSequencePaths {

    private static final Logger LOG = LoggerFactory.getLogger(LongSequencePaths.class);
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private LongSequencePaths() {
    }

    /**
     * The path for long sequences in {@code form}.
     *
     * @param chunkSize chunk length for {@link Form#CHUNK}; at least 1
     */
    public static ScoringPath of(Form form, int chunkSize) {
        Objects.requireNonNull(form, "form");
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be at least 1, got " + chunkSize);
        }
        return form == Form.ATTENTION ? GraphOutputPath.INSTANCE : new EncoderPath(form, chunkSize);
    }

    /** Scores with {@link LongSequenceEncoder} on the lent graph's parameters; stateless apart from its settings. */
    private static final class EncoderPath implements ScoringPath {

        private static final long serialVersionUID = 1L;

        private final Form form;
        private final int chunkSize;

        EncoderPath(Form form, int chunkSize) {
            this.form = form;
            this.chunkSize = chunkSize;
        }

        @Override
        public Predictions score(ScoringModel model, MultiDataSet batch, boolean withEmbeddings) {
            INDArray features = batch.getFeatures(0);
            INDArray mask = batch.getFeaturesMaskArrays() == null ? null : batch.getFeaturesMaskArray(0);
            EncoderOptions options = EncoderOptions.builder(form).chunkSize(chunkSize).build();
            Encoding encoding = model.withGraph(graph -> GraphWeights.hasLionBlocks(graph.getConfiguration())
                    ? LongSequenceEncoder.forGraph(graph, options).encode(features, mask)
                    : null);
            if (encoding == null) {
                if (WARNED.compareAndSet(false, true)) {
                    LOG.warn("The model has no LION blocks, so the {} form does not apply: long sequences are scored by"
                            + " its graph, one at a time", form);
                }
                return GraphOutputPath.INSTANCE.score(model, batch, withEmbeddings);
            }
            if (!withEmbeddings) {
                encoding.embeddings().close();
            }
            return Predictions.of(encoding.probabilities(), withEmbeddings ? encoding.embeddings() : null);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof EncoderPath that && form == that.form && chunkSize == that.chunkSize;
        }

        @Override
        public int hashCode() {
            return Objects.hash(form, chunkSize);
        }

        @Override
        public String toString() {
            return "EncoderPath{" + form + (form == Form.CHUNK ? ", chunkSize=" + chunkSize : "") + "}";
        }
    }
}
