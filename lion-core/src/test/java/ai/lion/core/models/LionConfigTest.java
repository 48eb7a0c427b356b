package ai.lion.core.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lion.core.layers.DecayInit;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LionConfigTest {

    private static LionConfig.Builder patchClassifier() {
        return LionConfig.builder().patches(32, 4, 3).numClasses(10);
    }

    @Test
    void defaultsFollowTheAuthorsTinyVisionSetup() {
        LionConfig c = patchClassifier().build();
        assertEquals(LionVariant.DECAY, c.variant());
        assertEquals(192, c.width());
        assertEquals(12, c.depth());
        assertEquals(3, c.heads());
        assertEquals(4.0, c.mlpRatio());
        assertEquals(TrainingForm.ATTENTION, c.trainingForm());
        assertEquals(64, c.chunkSize());
        assertEquals(Pooling.MEAN, c.pooling());
        assertFalse(c.positionalEmbedding());
        assertEquals(0.0, c.dropout());
        assertEquals(0.0, c.dropPath());
        assertEquals(Task.CLASSIFY, c.task());
        assertEquals(64, c.headDim());
        assertEquals(768, c.mlpHidden());
    }

    @Test
    void derivedSizesOfPatchAndTokenInput() {
        PatchInput p = new PatchInput(32, 4, 3);
        assertEquals(8, p.gridSide());
        assertEquals(64, p.numPatches());
        assertEquals(48, p.patchDim());
        assertEquals(65, p.sequenceLength(), "patches plus the cls token");
        assertEquals(20, new TokenInput(100, 20).sequenceLength());

        LionConfig mlm = LionConfig.builder().tokens(100, 20).task(Task.MLM).build();
        assertEquals(100, mlm.outputSize());
        assertEquals(10, patchClassifier().build().outputSize());
    }

    @Test
    void dropPathRisesLinearlyOverTheBlocks() {
        LionConfig c = patchClassifier().depth(5).dropPath(0.2).build();
        assertEquals(0.0, c.dropPathOfBlock(0));
        assertEquals(0.1, c.dropPathOfBlock(2), 1e-15);
        assertEquals(0.2, c.dropPathOfBlock(4), 1e-15);
        assertEquals(0.2, patchClassifier().depth(1).dropPath(0.2).build().dropPathOfBlock(0));
        assertThrows(IllegalArgumentException.class, () -> c.dropPathOfBlock(5));
    }

    static Stream<LionConfig> nonDefaultConfigs() {
        return Stream.of(
                LionConfig.builder().variant(LionVariant.SELECTIVE_CURVE).width(48).depth(3).heads(4).mlpRatio(3)
                        .trainingForm(TrainingForm.CHUNK).chunkSize(7).pooling(Pooling.CLS).positionalEmbedding(true)
                        .dropout(0.125).dropPath(0.3).decayInit(DecayInit.SPREAD).numClasses(17).seed(-987654321012L).patches(24, 6, 1).build(),
                LionConfig.builder().variant(LionVariant.LIT).width(20).depth(1).heads(5).mlpRatio(1)
                        .trainingForm(TrainingForm.CHUNK).chunkSize(1).positionalEmbedding(true).dropout(0.5)
                        .seed(Long.MAX_VALUE).tokens(30522, 513).task(Task.MLM).build(),
                LionConfig.builder().variant(LionVariant.SELECTIVE).pooling(Pooling.CLS).numClasses(2).tokens(2, 1)
                        .build());
    }

    @ParameterizedTest
    @MethodSource("nonDefaultConfigs")
    void jsonRoundTripKeepsEveryField(LionConfig original) {
        LionConfig back = LionConfig.fromJson(original.toJson());
        assertEquals(original.variant(), back.variant());
        assertEquals(original.width(), back.width());
        assertEquals(original.depth(), back.depth());
        assertEquals(original.heads(), back.heads());
        assertEquals(Double.doubleToLongBits(original.mlpRatio()), Double.doubleToLongBits(back.mlpRatio()));
        assertEquals(original.trainingForm(), back.trainingForm());
        assertEquals(original.chunkSize(), back.chunkSize());
        assertEquals(original.pooling(), back.pooling());
        assertEquals(original.positionalEmbedding(), back.positionalEmbedding());
        assertEquals(Double.doubleToLongBits(original.dropout()), Double.doubleToLongBits(back.dropout()));
        assertEquals(Double.doubleToLongBits(original.dropPath()), Double.doubleToLongBits(back.dropPath()));
        assertEquals(original.numClasses(), back.numClasses());
        assertEquals(original.seed(), back.seed());
        assertEquals(original.input().getClass(), back.input().getClass());
        assertEquals(original.input(), back.input());
        assertEquals(original.task(), back.task());
        assertEquals(original, back);
    }

    @Test
    void jsonNamesTheInputKindAndEveryField() {
        String json = patchClassifier().build().toJson();
        assertTrue(json.contains("\"kind\" : \"PATCHES\""), json);
        for (String field : new String[]{"variant", "width", "depth", "heads", "mlpRatio", "trainingForm", "chunkSize",
                "pooling", "positionalEmbedding", "dropout", "dropPath", "decayInit", "numClasses", "seed", "input", "task",
                "imageSize", "patchSize", "channels"}) {
            assertTrue(json.contains("\"" + field + "\""), field + " missing in " + json);
        }
        assertFalse(json.contains("headDim"), "derived values are not stored: " + json);
    }

    @Test
    void absentJsonFieldsTakeTheirDefaults() {
        LionConfig c = LionConfig.fromJson(
                "{\"numClasses\": 3, \"input\": {\"kind\": \"TOKENS\", \"vocabSize\": 50, \"maxLength\": 8}}");
        assertEquals(LionConfig.builder().numClasses(3).tokens(50, 8).build(), c);
    }

    @Test
    void jsonWithUnknownFieldIsRejected() {
        String json = patchClassifier().build().toJson().replace("\"width\"", "\"widht\"");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LionConfig.fromJson(json));
        assertTrue(e.getMessage().contains("widht"), e.getMessage());
    }

    @Test
    void jsonWithInvalidValueIsRejectedWithTheFieldName() {
        String json = patchClassifier().build().toJson().replace("\"heads\" : 3", "\"heads\" : 5");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LionConfig.fromJson(json));
        assertEquals("invalid LionConfig JSON: heads must divide width, got heads=5 and width=192", e.getMessage());
    }

    static Stream<Arguments> invalidSettings() {
        return Stream.of(
                bad("width must be positive, got 0", b -> b.width(0)),
                bad("depth must be positive, got -1", b -> b.depth(-1)),
                bad("heads must be positive, got 0", b -> b.heads(0)),
                bad("heads must divide width, got heads=5 and width=192", b -> b.heads(5)),
                bad("mlpRatio must be a whole number >= 1 (the LION block takes an integer ratio), got 0.0",
                        b -> b.mlpRatio(0)),
                bad("mlpRatio must be a whole number >= 1 (the LION block takes an integer ratio), got 2.5",
                        b -> b.mlpRatio(2.5)),
                bad("mlpRatio must be a whole number >= 1 (the LION block takes an integer ratio), got NaN",
                        b -> b.mlpRatio(Double.NaN)),
                bad("chunkSize must be positive, got 0", b -> b.chunkSize(0)),
                bad("dropout must be in [0, 1), got 1.0", b -> b.dropout(1)),
                bad("dropPath must be in [0, 1), got -0.1", b -> b.dropPath(-0.1)),
                bad("variant must be set", b -> b.variant(null)),
                bad("trainingForm must be set", b -> b.trainingForm(null)),
                bad("pooling must be set", b -> b.pooling(null)),
                bad("task must be set", b -> b.task(null)),
                bad("input must be set", b -> b.input(null)),
                bad("numClasses must be at least 2 for task CLASSIFY, got 1", b -> b.numClasses(1)),
                bad("task MLM needs TOKENS input, got PatchInput[imageSize=32, patchSize=4, channels=3]",
                        b -> b.task(Task.MLM).numClasses(0)),
                bad("numClasses must be 0 for task MLM (it predicts the vocabulary), got 10",
                        b -> b.tokens(100, 10).task(Task.MLM)),
                bad("variant DECAY_CURVE scans a square patch grid and needs PATCHES input, got "
                        + "TokenInput[vocabSize=100, maxLength=10]", b -> b.tokens(100, 10).variant(LionVariant.DECAY_CURVE)),
                bad("variant SOFTMAX has only the ATTENTION training form, got trainingForm CHUNK",
                        b -> b.variant(LionVariant.SOFTMAX).trainingForm(TrainingForm.CHUNK)),
                bad("patchSize must divide imageSize, got patchSize=5 and imageSize=32", b -> b.patches(32, 5, 3)),
                bad("imageSize must be positive, got 0", b -> b.patches(0, 5, 3)),
                bad("channels must be positive, got 0", b -> b.patches(32, 4, 0)),
                bad("decayInit must be set", b -> b.decayInit(null)),
                bad("vocabSize must be at least 2, got 1", b -> b.tokens(1, 10)),
                bad("maxLength must be positive, got 0", b -> b.tokens(10, 0)));
    }

    private static Arguments bad(String message, UnaryOperator<LionConfig.Builder> change) {
        return Arguments.of(message, change);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSettings")
    void invalidSettingsFailWithAMessageNamingFieldAndValue(String message, UnaryOperator<LionConfig.Builder> change) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> change.apply(patchClassifier()).build());
        assertEquals(message, e.getMessage());
    }

    @Test
    void toBuilderCopiesEveryField() {
        LionConfig c = nonDefaultConfigs().findFirst().orElseThrow();
        assertEquals(c, c.toBuilder().build());
        assertEquals(7, c.toBuilder().depth(7).build().depth());
    }
}
