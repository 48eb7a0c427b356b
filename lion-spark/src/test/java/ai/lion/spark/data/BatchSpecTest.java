package ai.lion.spark.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BatchSpecTest {

    private static String rejection(BatchSpec.Builder builder) {
        return assertThrows(IllegalArgumentException.class, builder::build).getMessage();
    }

    private static BatchSpec.Builder tokens() {
        return BatchSpec.builder(InputKind.TOKENS).vocabularySize(100).numClasses(2).maxLength(16).batchSize(4);
    }

    @Test
    void defaultsFollowTheDocumentedSchemas() {
        BatchSpec tokens = tokens().build();
        BatchSpec patches = BatchSpec.builder(InputKind.PATCHES).patchDim(8).numClasses(10).maxLength(64)
                .batchSize(4).build();
        BatchSpec mlm = BatchSpec.builder(InputKind.MLM).vocabularySize(100).maskTokenId(3).maxLength(16)
                .batchSize(4).build();

        assertEquals("tokens", tokens.sequenceColumn());
        assertEquals("label", tokens.labelColumn());
        assertEquals("id", tokens.idColumn());
        assertEquals(0, tokens.padId());
        assertFalse(tokens.truncate());
        assertEquals(BadRowPolicy.FAIL, tokens.badRowPolicy());
        assertEquals(LabelEncoding.ONE_HOT, tokens.labelEncoding());
        assertEquals(1, tokens.featureChannels());
        assertEquals("patches", patches.sequenceColumn());
        assertEquals(8, patches.featureChannels());
        assertEquals(0, patches.vocabularySize());
        assertEquals(BatchSpec.DEFAULT_MLM_PROBABILITY, mlm.mlmProbability());
        assertEquals(0, mlm.numClasses());
    }

    @Test
    void eachKindRequiresItsSettings() {
        assertEquals("maxLength is required for TOKENS",
                rejection(BatchSpec.builder(InputKind.TOKENS).vocabularySize(10).numClasses(2).batchSize(1)));
        assertEquals("batchSize is required for TOKENS",
                rejection(BatchSpec.builder(InputKind.TOKENS).vocabularySize(10).numClasses(2).maxLength(1)));
        assertEquals("numClasses is required for TOKENS",
                rejection(BatchSpec.builder(InputKind.TOKENS).vocabularySize(10).maxLength(1).batchSize(1)));
        assertEquals("vocabularySize is required for TOKENS",
                rejection(BatchSpec.builder(InputKind.TOKENS).numClasses(2).maxLength(1).batchSize(1)));
        assertEquals("patchDim is required for PATCHES",
                rejection(BatchSpec.builder(InputKind.PATCHES).numClasses(2).maxLength(1).batchSize(1)));
        assertEquals("maskTokenId is required for MLM",
                rejection(BatchSpec.builder(InputKind.MLM).vocabularySize(10).maxLength(1).batchSize(1)));
    }

    @Test
    void valuesOutOfRangeAreRejectedWithTheValue() {
        assertEquals("maxLength must be at least 1, got 0", rejection(tokens().maxLength(0)));
        assertEquals("batchSize must be at least 1, got -2", rejection(tokens().batchSize(-2)));
        assertEquals("numClasses must be at least 2, got 1", rejection(tokens().numClasses(1)));
        assertEquals("padId must lie in [0, vocabularySize=100), got 100", rejection(tokens().padId(100)));
        assertEquals("padId must lie in [0, vocabularySize=100), got -1", rejection(tokens().padId(-1)));
        assertEquals("vocabularySize must be at most 16777216 (ids are stored as floats), got 16777217",
                rejection(tokens().vocabularySize(BatchSpec.MAX_VOCABULARY_SIZE + 1)));
        assertEquals("sequenceColumn must name a column, got ' '", rejection(tokens().sequenceColumn(" ")));
        assertEquals("labelColumn must name a column, got 'null'", rejection(tokens().labelColumn(null)));
        BatchSpec.Builder mlm = BatchSpec.builder(InputKind.MLM).vocabularySize(10).maxLength(4).batchSize(2);
        assertEquals("maskTokenId must lie in [0, vocabularySize=10), got 10", rejection(mlm.maskTokenId(10)));
        assertEquals("mlmProbability must lie in (0, 1], got 0.0",
                rejection(mlm.maskTokenId(9).mlmProbability(0)));
        assertEquals("mlmProbability must lie in (0, 1], got 1.5", rejection(mlm.mlmProbability(1.5)));
        assertEquals("patchDim must be at least 1, got 0", rejection(BatchSpec.builder(InputKind.PATCHES)
                .patchDim(0).numClasses(2).maxLength(1).batchSize(1)));
    }

    @Test
    void toBuilderCopiesEveryValue() {
        BatchSpec spec = BatchSpec.builder(InputKind.MLM).sequenceColumn("ids").idColumn("key").vocabularySize(50)
                .padId(1).maskTokenId(2).mlmProbability(0.3).maxLength(8).truncate(true).batchSize(3)
                .badRowPolicy(BadRowPolicy.SKIP).labelEncoding(LabelEncoding.INDEX).build();

        assertEquals(spec.toString(), spec.toBuilder().build().toString());
        assertEquals("BatchSpec{kind=MLM, sequenceColumn=ids, idColumn=key, maxLength=8, truncate=true, "
                + "vocabularySize=50, padId=1, maskTokenId=2, mlmProbability=0.3, batchSize=3, "
                + "badRowPolicy=SKIP, labelEncoding=INDEX}", spec.toString());
        assertEquals(7, spec.toBuilder().batchSize(7).build().batchSize());
    }
}
