package ai.lion.spark.ml;

import ai.lion.spark.data.DataSettings;
import ai.lion.spark.score.LongSequencePaths;
import ai.lion.spark.score.ScoringOptions;

/** Turns a stage's {@link HasLionParams} into the data and scoring settings; the model's config gives the rest. */
final class StageSettings {

    private StageSettings() {
    }

    /** The data side of the rows a stage reads: its columns, batch size, maximum length and bad-row policy. */
    static DataSettings data(HasLionParams stage) {
        DataSettings.Builder data = DataSettings.builder()
                .sequenceColumn(stage.getFeaturesCol()).labelColumn(stage.getLabelCol()).idColumn(stage.getIdCol())
                .batchSize(stage.getBatchSize()).badRowPolicy(stage.getBadRowPolicy());
        if (stage.getMaxLength() > 0) {
            data.maxLength(stage.getMaxLength());
        }
        return data.build();
    }

    /** How a stage scores: output columns, and the long-sequence threshold and form. */
    static ScoringOptions scoringOptions(HasLionParams stage) {
        String embedding = stage.getEmbeddingCol();
        ScoringOptions.Builder options = ScoringOptions.builder(data(stage))
                .predictionColumn(stage.getPredictionCol())
                .probabilityColumn(stage.getProbabilityCol())
                .longSequenceThreshold(stage.getLongSequenceThreshold())
                .longSequencePath(LongSequencePaths.of(stage.getForm(), stage.getChunkSize()))
                .embeddings(!embedding.isEmpty());
        if (!embedding.isEmpty()) {
            options.embeddingColumn(embedding);
        }
        return options.build();
    }
}
