package ai.lion.spark.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.lion.core.models.LionConfig;
import ai.lion.core.models.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class BatchSpecTest {

    private static final LionConfig TOKENS = tiny().tokens(100, 16).numClasses(2).build();
    private static final LionConfig PATCHES = tiny().patches(8, 2, 2).numClasses(10).build();
    private static final LionConfig MLM = tiny().tokens(100, 16).task(Task.MLM).build();

    private static LionConfig.Builder tiny() {
        return LionConfig.builder().width(8).depth(1).heads(2).mlpRatio(2);
    }

    private static DataSettings.Builder rows() {
        return DataSettings.builder().batchSize(4);
    }

    private static String rejection(Executable build) {
        return assertThrows(IllegalArgumentException.class, build).getMessage();
    }

    @Test
    void theModelFactsComeFromTheConfig() {
        BatchSpec tokens = BatchSpec.of(TOKENS, rows().build());
        BatchSpec patches = BatchSpec.of(PATCHES, rows().build());
        BatchSpec mlm = BatchSpec.of(MLM, rows().maskTokenId(3).build());

        assertEquals(InputKind.TOKENS, tokens.kind());
        assertEquals(100, tokens.vocabularySize());
        assertEquals(2, tokens.numClasses());
        assertEquals(16, tokens.maxLength());
        assertEquals(1, tokens.featureChannels());
        assertEquals(InputKind.PATCHES, patches.kind());
        assertEquals(8, patches.patchDim());
        assertEquals(8, patches.featureChannels());
        assertEquals(16, patches.maxLength());
        assertEquals(10, patches.numClasses());
        assertEquals(0, patches.vocabularySize());
        assertEquals(InputKind.MLM, mlm.kind());
        assertEquals(0, mlm.numClasses());
        assertEquals(100, mlm.vocabularySize());
    }

    @Test
    void defaultsFollowTheDocumentedSchemas() {
        BatchSpec tokens = BatchSpec.of(TOKENS, rows().build());
        BatchSpec patches = BatchSpec.of(PATCHES, rows().build());
        BatchSpec mlm = BatchSpec.of(MLM, rows().maskTokenId(3).build());

        assertEquals("tokens", tokens.sequenceColumn());
        assertEquals("label", tokens.labelColumn());
        assertEquals("id", tokens.idColumn());
        assertEquals(0, tokens.padId());
        assertFalse(tokens.truncate());
        assertEquals(BadRowPolicy.FAIL, tokens.badRowPolicy());
        assertEquals(LabelEncoding.ONE_HOT, tokens.labelEncoding());
        assertEquals("patches", patches.sequenceColumn());
        assertEquals(DataSettings.DEFAULT_MLM_PROBABILITY, mlm.mlmProbability());
    }

    @Test
    void dataSettingsThatDoNotFitTheModelAreRejectedWithTheValue() {
        assertEquals("batchSize is required", rejection(() -> DataSettings.builder().build()));
        assertEquals("batchSize must be at least 1, got -2", rejection(() -> rows().batchSize(-2).build()));
        assertEquals("maxLength must be at least 1, got 0", rejection(() -> rows().maxLength(0).build()));
        assertEquals("sequenceColumn must name a column, got ' '", rejection(() -> rows().sequenceColumn(" ").build()));
        assertEquals("labelColumn must name a column, got 'null'", rejection(() -> rows().labelColumn(null).build()));
        assertEquals("mlmProbability must lie in (0, 1], got 0.0", rejection(() -> rows().mlmProbability(0).build()));
        assertEquals("mlmProbability must lie in (0, 1], got 1.5", rejection(() -> rows().mlmProbability(1.5).build()));
        assertEquals("padId must lie in [0, vocabularySize=100), got 100",
                rejection(() -> BatchSpec.of(TOKENS, rows().padId(100).build())));
        assertEquals("padId must lie in [0, vocabularySize=100), got -1",
                rejection(() -> BatchSpec.of(TOKENS, rows().padId(-1).build())));
        assertEquals("maskTokenId is required for an MLM model", rejection(() -> BatchSpec.of(MLM, rows().build())));
        assertEquals("maskTokenId must lie in [0, vocabularySize=100), got 100",
                rejection(() -> BatchSpec.of(MLM, rows().maskTokenId(100).build())));
    }

    @Test
    void aLongerMaximumIsAllowedOnlyForModelsThatReadAnyLength() {
        assertEquals(1000, BatchSpec.of(TOKENS, rows().maxLength(1000).build()).maxLength());
        assertEquals(8, BatchSpec.of(TOKENS, rows().maxLength(8).build()).maxLength());
        LionConfig positional = TOKENS.toBuilder().positionalEmbedding(true).build();

        String refusal = "maxLength 17 exceeds the model's sequence length 16; only a token model without"
                + " positional embeddings reads longer sequences";
        assertEquals(refusal, rejection(() -> BatchSpec.of(positional, rows().maxLength(17).build())));
        assertEquals(refusal, rejection(() -> BatchSpec.of(PATCHES, rows().maxLength(17).build())));
    }

    @Test
    void withDataKeepsTheModelAndReplacesEveryDataSetting() {
        BatchSpec spec = BatchSpec.of(MLM, DataSettings.builder().sequenceColumn("ids").idColumn("key").padId(1)
                .maskTokenId(2).mlmProbability(0.3).maxLength(8).truncate(true).batchSize(3)
                .badRowPolicy(BadRowPolicy.SKIP).labelEncoding(LabelEncoding.INDEX).build());

        assertEquals(spec.toString(), spec.withData(spec.data().toBuilder().build()).toString());
        assertEquals("BatchSpec{kind=MLM, sequenceColumn=ids, idColumn=key, maxLength=8, truncate=true, "
                + "vocabularySize=100, padId=1, maskTokenId=2, mlmProbability=0.3, batchSize=3, "
                + "badRowPolicy=SKIP, labelEncoding=INDEX}", spec.toString());
        assertEquals(7, spec.withData(spec.data().toBuilder().batchSize(7).build()).batchSize());
        assertEquals(16, spec.withData(DataSettings.builder().maskTokenId(2).batchSize(1).build()).maxLength());
    }
}
