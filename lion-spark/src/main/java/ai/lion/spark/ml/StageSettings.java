package ai.lion.spark.ml;

import ai.lion.spark.data.BatchSpec;
import ai.lion.spark.data.InputKind;
import ai.lion.spark.score.LongSequencePaths;
import ai.lion.spark.score.ModelSignature;
import ai.lion.spark.score.ScoringOptions;

/** Turns a stage's {@link HasLionParams} and its model's signature into the data and scoring settings. */
final class StageSettings {

    private StageSettings() {
    }

    /**
     * The rows a stage reads: the model's input kind, vocabulary, patch length and classes, and the
     * stage's columns, batch size, maximum length and bad-row policy.
     *
     * @throws IllegalArgumentException if the model does not state its patch length and {@code patchDim} is not set
     */
    static BatchSpec batchSpec(HasLionParams stage, ModelSignature model) {
        BatchSpec.Builder spec = BatchSpec.builder(model.kind())
                .sequenceColumn(stage.getFeaturesCol()).labelColumn(stage.getLabelCol()).idColumn(stage.getIdCol())
                .numClasses(model.numClasses()).batchSize(stage.getBatchSize()).maxLength(stage.getMaxLength())
                .badRowPolicy(stage.getBadRowPolicy());
        if (model.kind() == InputKind.TOKENS) {
            return spec.vocabularySize(model.vocabularySize()).build();
        }
        int patchDim = stage.getPatchDim() > 0 ? stage.getPatchDim() : model.patchDim();
        if (patchDim == 0) {
            throw new IllegalArgumentException("the model does not state the length of its patch vectors; set"
                    + " param patchDim of stage " + stage.uid());
        }
        return spec.patchDim(patchDim).build();
    }

    /** How a stage scores: output columns, and the long-sequence threshold and form. */
    static ScoringOptions scoringOptions(HasLionParams stage, BatchSpec spec) {
        String embedding = stage.getEmbeddingCol();
        ScoringOptions.Builder options = ScoringOptions.builder(spec)
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
