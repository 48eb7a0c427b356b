package ai.lion.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import ai.lion.core.attention.Form;
import ai.lion.core.models.LionVariant;
import ai.lion.jobs.config.ScoreConfig;
import ai.lion.spark.data.DataSettings;
import ai.lion.spark.score.ScoringOptions;
import org.junit.jupiter.api.Test;

/** {@link ScoringSetup}: the long-sequence form of LION models and of the softmax baseline. */
class ScoringSetupTest {

    private static final DataSettings SPEC = DataSettings.builder().batchSize(8).build();

    private static ScoreConfig score(Optional<Form> form) {
        return new ScoreConfig("in", "out", false, form, 16, 100, 8, false);
    }

    @Test
    void autoScoresLongLionRowsInTheChunkFormAndSoftmaxRowsInTheGraph() {
        ScoringOptions lion = ScoringSetup.options(score(Optional.empty()), SPEC, LionVariant.SELECTIVE);
        assertEquals(100, lion.longSequenceThreshold());
        ScoringOptions softmax = ScoringSetup.options(score(Optional.empty()), SPEC, LionVariant.SOFTMAX);
        assertEquals(Integer.MAX_VALUE, softmax.longSequenceThreshold());
        assertNotEquals(lion.longSequencePath().getClass(), softmax.longSequencePath().getClass());
    }

    @Test
    void chunkOrRnnWithASoftmaxModelIsAnErrorNamingTheKeys() {
        for (Form form : new Form[]{Form.CHUNK, Form.RNN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ScoringSetup.options(score(Optional.of(form)), SPEC, LionVariant.SOFTMAX));
            assertTrue(e.getMessage().contains("score.form = " + form.name().toLowerCase())
                    && e.getMessage().contains("model.variant = softmax"), e.getMessage());
        }
        assertEquals(Integer.MAX_VALUE,
                ScoringSetup.options(score(Optional.of(Form.ATTENTION)), SPEC, LionVariant.SOFTMAX).longSequenceThreshold());
    }
}
