package ai.lion.jobs.config;

import ai.lion.core.layers.DecayInit;
import ai.lion.core.models.LionConfig;
import ai.lion.core.models.LionVariant;
import ai.lion.core.models.PatchInput;
import ai.lion.core.models.Pooling;
import ai.lion.core.models.Task;
import ai.lion.core.models.TokenInput;
import ai.lion.core.models.TrainingForm;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static ai.lion.jobs.config.TestConfigs.messages;
import static ai.lion.jobs.config.TestConfigs.problems;
import static ai.lion.jobs.config.TestConfigs.reader;
import static ai.lion.jobs.config.TestConfigs.withoutOrigins;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelSectionTest {

    private static final String PATCHES = "model.input { kind = patches, image-size = 28, patch-size = 4 }\n";

    @Test
    void theReferenceDefaultsAreTheModelLibrarysDefaults() {
        ConfigReader reader = reader(PATCHES + "model.num-classes = 10");
        LionConfig expected = LionConfig.builder().patches(28, 4, 1).numClasses(10).build();
        assertEquals(Optional.of(expected), ModelSection.read(reader));
        assertTrue(reader.problems().isEmpty());
    }

    @Test
    void everyKeyReachesItsLionConfigField() {
        ConfigReader reader = reader("model { task = mlm, variant = selective, width = 64, depth = 2, heads = 4, "
                + "mlp-ratio = 3, training-form = chunk, chunk-size = 16, pooling = cls, positional-embedding = true, "
                + "dropout = 0.1, drop-path = 0.2, decay-init = spread, seed = 7, input { kind = tokens, vocab-size = 260, max-length = 128 } }");
        LionConfig expected = LionConfig.builder().task(Task.MLM).variant(LionVariant.SELECTIVE).width(64).depth(2)
                .heads(4).mlpRatio(3).trainingForm(TrainingForm.CHUNK).chunkSize(16).pooling(Pooling.CLS)
                .positionalEmbedding(true).dropout(0.1).dropPath(0.2).decayInit(DecayInit.SPREAD).seed(7).input(new TokenInput(260, 128)).build();
        assertEquals(Optional.of(expected), ModelSection.read(reader));
    }

    @Test
    void curveVariantsAreWrittenInKebabCase() {
        ConfigReader reader = reader(PATCHES + "model { num-classes = 10, variant = decay-curve }");
        assertEquals(LionVariant.DECAY_CURVE, ModelSection.read(reader).orElseThrow().variant());
        assertEquals(new PatchInput(28, 4, 1), ModelSection.read(reader(PATCHES + "model.num-classes = 10"))
                .orElseThrow().input());
    }

    @Test
    void theSoftmaxBaselineTrainsInTheAttentionFormOnly() {
        assertEquals(LionVariant.SOFTMAX, ModelSection.read(reader(PATCHES + "model { num-classes = 10, variant = softmax }"))
                .orElseThrow().variant());
        assertEquals(List.of("model.training-form = chunk: must be attention when model.variant = softmax"
                        + " (softmax attention has no chunk form)"),
                withoutOrigins(problems(PATCHES + "model { num-classes = 10, variant = softmax, training-form = chunk }",
                        ModelSection::read)));
    }

    @Test
    void badKeysAreNamedOneByOne() {
        ConfigReader reader = reader(PATCHES + "model { num-classes = 1, width = 0, variant = diagonal, dropout = 1, "
                + "decay-init = slow }");
        assertEquals(Optional.empty(), ModelSection.read(reader));
        assertEquals(List.of(
                "model.variant = diagonal: must be one of lit, decay, selective, decay-curve, selective-curve, softmax",
                "model.width = 0: must be an integer >= 1",
                "model.dropout = 1: must be a number in [0, 1)",
                "model.decay-init = slow: must be one of authors, spread",
                "model.num-classes = 1: must be an integer >= 2"), withoutOrigins(messages(reader)));
    }

    @Test
    void aClassifierNeedsItsClassesAndAnMlmModelMustNotHaveAny() {
        ConfigReader classify = reader(PATCHES);
        ModelSection.read(classify);
        assertEquals(List.of("model.num-classes: not set; must be an integer >= 2"), messages(classify));
        assertEquals(List.of("model.num-classes = 10: must not be set when model.task = mlm (it predicts the vocabulary)"),
                problems("model { task = mlm, num-classes = 10, input { kind = tokens, vocab-size = 30, max-length = 8 } }",
                        ModelSection::read));
    }

    @Test
    void theInputKeysDependOnTheKind() {
        assertEquals(List.of("model.input.vocab-size = 1: must be an integer >= 2",
                "model.input.max-length: not set; must be an integer >= 1"),
                problems("model { num-classes = 10, input { kind = tokens, vocab-size = 1 } }", ModelSection::read));
        assertEquals(List.of("model.input.kind: not set; must be one of patches, tokens"),
                problems("model.num-classes = 10", ModelSection::read));
    }

    @Test
    void thePatchSizeMustDivideTheImage() {
        assertEquals(List.of("model.input.patch-size = 5: must divide model.input.image-size = 28"),
                problems("model { num-classes = 10, input { kind = patches, image-size = 28, patch-size = 5 } }",
                        ModelSection::read));
    }

    @Test
    void rulesAcrossKeysAreTheModelLibrarysAndNameTheSection() {
        assertEquals(List.of("model: heads must divide width, got heads=5 and width=64"),
                problems(PATCHES + "model { num-classes = 10, width = 64, heads = 5 }", ModelSection::read));
        ConfigReader curve = reader("model { num-classes = 10, variant = selective-curve, "
                + "input { kind = tokens, vocab-size = 20, max-length = 64 } }");
        ModelSection.read(curve);
        assertEquals(1, curve.problems().size());
        assertEquals("model", curve.problems().get(0).key());
    }
}
