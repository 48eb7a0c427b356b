package ai.lion.spark.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EpochHistoryTest {

    static String epoch(int epoch, double trainLoss, double validationLoss, double accuracy) {
        return "{\"type\":\"epoch\",\"epoch\":" + epoch + ",\"splits\":3,\"examples\":300,\"train_loss\":" + trainLoss
                + ",\"val_loss\":" + validationLoss + ",\"val_accuracy\":" + accuracy
                + ",\"learning_rate\":0.001,\"train_seconds\":2.0,\"validation_seconds\":0.5}";
    }

    private static final String START = "{\"type\":\"run\",\"event\":\"start\",\"seed\":1,\"workers\":2}";
    private static final String SPLIT = "{\"type\":\"split\",\"epoch\":0,\"split\":0,\"train_loss\":2.5}";

    @Test
    void epochLinesBecomePointsInEpochOrder() {
        List<EpochPoint> history = EpochHistory.of(List.of(START, SPLIT, epoch(0, 1.5, 1.25, 0.5), SPLIT,
                epoch(1, 1.0, 0.75, 0.625)));
        assertEquals(List.of(new EpochPoint(0, 1.5, 1.25, 0.5), new EpochPoint(1, 1.0, 0.75, 0.625)), history);
    }

    @Test
    void aResumeSupersedesTheEpochsLoggedFromItsEpochOn() {
        String resume = "{\"type\":\"run\",\"event\":\"resume\",\"epoch\":1,\"split\":0,\"checkpoint\":\"x\"}";
        List<EpochPoint> history = EpochHistory.of(List.of(START, epoch(0, 1.5, 1.25, 0.5), epoch(1, 1.0, 0.75, 0.625),
                epoch(2, 0.9, 0.7, 0.7), resume, epoch(1, 1.125, 0.875, 0.6)));
        assertEquals(List.of(new EpochPoint(0, 1.5, 1.25, 0.5), new EpochPoint(1, 1.125, 0.875, 0.6)), history);
    }

    @Test
    void noLinesNoPoints() {
        assertEquals(List.of(), EpochHistory.of(List.of()));
    }

    @Test
    void aBrokenLineIsNamedByItsNumber() {
        IllegalArgumentException notJson = assertThrows(IllegalArgumentException.class,
                () -> EpochHistory.of(List.of(START, "{\"type\":")));
        assertTrue(notJson.getMessage().startsWith("metrics line 2 is not JSON"), notJson.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> EpochHistory.of(List.of("{\"type\":\"epoch\",\"epoch\":0,\"train_loss\":1,\"val_loss\":1}")));
        assertTrue(missing.getMessage().startsWith("metrics line 1 has no number \"val_accuracy\""), missing.getMessage());
    }
}
