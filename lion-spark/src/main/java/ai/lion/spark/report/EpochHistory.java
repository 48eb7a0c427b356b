package ai.lion.spark.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Reads the per-epoch metrics of a run from the JSON lines of its metrics log
 * ({@code ai.lion.spark.train.LionTrainer} writes them). Lines of {@code "type":"epoch"} carry the
 * metrics; a {@code "type":"run","event":"resume"} line at epoch {@code e} means the run restarted
 * from a checkpoint there, so epochs {@code >= e} logged before it are superseded by what follows.
 * Split and other lines are ignored.
 */
public final class EpochHistory {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EpochHistory() {
    }

    /**
     * The completed epochs, in epoch order, each with its latest metrics.
     *
     * @throws IllegalArgumentException naming the line, if a line is not a JSON object or an epoch line
     *                                  lacks a metric
     */
    public static List<EpochPoint> of(List<String> lines) {
        TreeMap<Integer, EpochPoint> epochs = new TreeMap<>();
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = parse(lines.get(i), i + 1);
            String type = line.path("type").asText();
            if (type.equals("epoch")) {
                EpochPoint point = new EpochPoint(integer(line, "epoch", i + 1), number(line, "train_loss", i + 1),
                        number(line, "val_loss", i + 1), number(line, "val_accuracy", i + 1));
                epochs.put(point.epoch(), point);
            } else if (type.equals("run") && line.path("event").asText().equals("resume")) {
                epochs.tailMap(integer(line, "epoch", i + 1), true).clear();
            }
        }
        return new ArrayList<>(epochs.values());
    }

    private static JsonNode parse(String text, int lineNumber) {
        try {
            JsonNode line = JSON.readTree(text);
            if (line == null || !line.isObject()) {
                throw new IllegalArgumentException("metrics line " + lineNumber + " is not a JSON object: " + text);
            }
            return line;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("metrics line " + lineNumber + " is not JSON (" + e.getOriginalMessage()
                    + "): " + text, e);
        }
    }

    private static int integer(JsonNode line, String field, int lineNumber) {
        JsonNode value = line.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw missing(line, field, lineNumber);
        }
        return value.intValue();
    }

    private static double number(JsonNode line, String field, int lineNumber) {
        JsonNode value = line.get(field);
        if (value == null || !value.isNumber()) {
            throw missing(line, field, lineNumber);
        }
        return value.doubleValue();
    }

    private static IllegalArgumentException missing(JsonNode line, String field, int lineNumber) {
        return new IllegalArgumentException("metrics line " + lineNumber + " has no number \"" + field + "\": " + line);
    }
}
