package ai.lion.jobs;

import ai.lion.core.models.LionConfig;
import ai.lion.core.models.PatchInput;
import ai.lion.core.models.Task;
import ai.lion.core.models.TokenInput;
import ai.lion.jobs.config.RowFormat;
import ai.lion.spark.data.BatchSpec;
import ai.lion.spark.data.InputKind;

/**
 * The data library's {@link BatchSpec} for a LION model: the model fixes the kind, the sequence length
 * and the sizes (patch length, vocabulary, classes), the {@code data} keys fix the columns, token ids
 * and bad-row handling.
 */
final class BatchSpecs {

    private BatchSpecs() {
    }

    /** Minibatches of {@code batchSize} rows, laid out as {@code rows} says, for {@code model}. */
    static BatchSpec of(RowFormat rows, LionConfig model, int batchSize) {
        BatchSpec.Builder spec;
        if (model.input() instanceof PatchInput patches) {
            spec = BatchSpec.builder(InputKind.PATCHES)
                    .patchDim(patches.patchDim())
                    .maxLength(patches.numPatches())
                    .numClasses(model.numClasses());
        } else {
            TokenInput tokens = (TokenInput) model.input();
            spec = BatchSpec.builder(model.task() == Task.MLM ? InputKind.MLM : InputKind.TOKENS)
                    .vocabularySize(tokens.vocabSize())
                    .maxLength(tokens.maxLength())
                    .padId(rows.padId());
            if (model.task() == Task.MLM) {
                spec.maskTokenId(rows.maskTokenId().orElseThrow(
                                () -> new IllegalArgumentException("data.mask-token-id must be set for an MLM model")))
                        .mlmProbability(rows.mlmProbability());
            } else {
                spec.numClasses(model.numClasses());
            }
        }
        rows.sequenceColumn().ifPresent(spec::sequenceColumn);
        return spec.labelColumn(rows.labelColumn())
                .idColumn(rows.idColumn())
                .truncate(rows.truncate())
                .badRowPolicy(rows.badRows())
                .labelEncoding(rows.labelEncoding())
                .batchSize(batchSize)
                .build();
    }
}
