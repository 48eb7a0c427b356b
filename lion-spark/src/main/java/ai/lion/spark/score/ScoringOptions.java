package ai.lion.spark.score;

import ai.lion.spark.data.ColumnNames;
import ai.lion.spark.data.DataSettings;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Immutable settings of a scoring run; build with {@link #builder(DataSettings)}. Nothing here describes
 * the model: its input kind, sequence length, vocabulary or patch length and classes come from its
 * {@code LionConfig}, which every model file and checkpoint holds.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code data}</td><td>required</td><td>the rows: sequence and id columns, pad id, batch size,
 *       maximum length (the model's by default), truncation, bad-row policy</td></tr>
 *   <tr><td>{@code longSequenceThreshold}</td><td>no limit</td><td>sequences with more steps are scored one
 *       at a time by {@code longSequencePath}</td></tr>
 *   <tr><td>{@code longSequencePath}</td><td>{@link GraphOutputPath}</td><td>see {@link LongSequencePaths}</td></tr>
 *   <tr><td>{@code embeddings}</td><td>false</td><td>also output the pooled embedding</td></tr>
 *   <tr><td>{@code predictionColumn}</td><td>{@code prediction}</td><td>int: the most probable class</td></tr>
 *   <tr><td>{@code probabilityColumn}</td><td>{@code probability}</td><td>array&lt;float&gt;: class probabilities</td></tr>
 *   <tr><td>{@code embeddingColumn}</td><td>{@code embedding}</td><td>array&lt;float&gt;: pooled embedding</td></tr>
 *   <tr><td>{@code progressInterval}</td><td>30 s</td><td>how often the driver logs progress while writing</td></tr>
 * </table>
 */
public final class ScoringOptions implements Serializable {

    private static final long serialVersionUID = 1L;

    private final DataSettings data;
    private final int longSequenceThreshold;
    private final ScoringPath longSequencePath;
    private final boolean embeddings;
    private final String predictionColumn;
    private final String probabilityColumn;
    private final String embeddingColumn;
    private final Duration progressInterval;

    private ScoringOptions(Builder b) {
        data = b.data;
        longSequenceThreshold = b.longSequenceThreshold;
        longSequencePath = b.longSequencePath;
        embeddings = b.embeddings;
        predictionColumn = b.predictionColumn;
        probabilityColumn = b.probabilityColumn;
        embeddingColumn = b.embeddingColumn;
        progressInterval = b.progressInterval;
    }

    /** Starts options for rows laid out as {@code data} says. */
    public static Builder builder(DataSettings data) {
        return new Builder(data);
    }

    /** The data side of the rows; the model's config gives the rest ({@code BatchSpec.of}). */
    public DataSettings data() { return data; }

    /** Sequences with more steps than this go through {@link #longSequencePath()}. */
    public int longSequenceThreshold() { return longSequenceThreshold; }

    public ScoringPath longSequencePath() { return longSequencePath; }

    /** Whether the pooled embedding is output. */
    public boolean embeddings() { return embeddings; }

    public String predictionColumn() { return predictionColumn; }

    public String probabilityColumn() { return probabilityColumn; }

    public String embeddingColumn() { return embeddingColumn; }

    public Duration progressInterval() { return progressInterval; }

    @Override
    public String toString() {
        return "ScoringOptions{" + data + ", longSequenceThreshold=" + longSequenceThreshold + ", longSequencePath="
                + longSequencePath + ", embeddings=" + embeddings + ", columns=[" + predictionColumn + ", "
                + probabilityColumn + (embeddings ? ", " + embeddingColumn : "") + "], progressInterval="
                + progressInterval + "}";
    }

    /** Validating builder. */
    public static final class Builder {
        private final DataSettings data;
        private int longSequenceThreshold = Integer.MAX_VALUE;
        private ScoringPath longSequencePath = GraphOutputPath.INSTANCE;
        private boolean embeddings;
        private String predictionColumn = "prediction";
        private String probabilityColumn = "probability";
        private String embeddingColumn = "embedding";
        private Duration progressInterval = Duration.ofSeconds(30);

        private Builder(DataSettings data) {
            this.data = Objects.requireNonNull(data, "data");
        }

        /** At least 1; defaults to no limit. */
        public Builder longSequenceThreshold(int steps) { longSequenceThreshold = steps; return this; }

        public Builder longSequencePath(ScoringPath path) { longSequencePath = path; return this; }

        public Builder embeddings(boolean output) { embeddings = output; return this; }

        public Builder predictionColumn(String name) { predictionColumn = name; return this; }

        public Builder probabilityColumn(String name) { probabilityColumn = name; return this; }

        public Builder embeddingColumn(String name) { embeddingColumn = name; return this; }

        /** Positive. */
        public Builder progressInterval(Duration interval) { progressInterval = interval; return this; }

        /** Checks every setting. */
        public ScoringOptions build() {
            if (longSequenceThreshold < 1) {
                throw new IllegalArgumentException("longSequenceThreshold must be at least 1, got " + longSequenceThreshold);
            }
            Objects.requireNonNull(longSequencePath, "longSequencePath");
            ColumnNames.require("predictionColumn", predictionColumn);
            ColumnNames.require("probabilityColumn", probabilityColumn);
            ColumnNames.require("embeddingColumn", embeddingColumn);
            if (predictionColumn.equals(probabilityColumn) || (embeddings
                    && (embeddingColumn.equals(predictionColumn) || embeddingColumn.equals(probabilityColumn)))) {
                throw new IllegalArgumentException("output columns must differ, got prediction '" + predictionColumn
                        + "', probability '" + probabilityColumn + "', embedding '" + embeddingColumn + "'");
            }
            if (progressInterval == null || progressInterval.isNegative() || progressInterval.isZero()) {
                throw new IllegalArgumentException("progressInterval must be positive, got " + progressInterval);
            }
            return new ScoringOptions(this);
        }
    }
}
