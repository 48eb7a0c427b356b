package ai.lion.bench.scaling;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last epoch of a training run as its metrics log records it: the {@code split_times} line (the
 * trainer's breakdown of the split time) and the {@code split} lines (examples and wall time per split).
 *
 * @param splits            splits of the epoch
 * @param examplesPerSecond examples over the splits' wall time
 * @param busyWorkers       workers fitting on average
 * @param stepSeconds       fit time of one minibatch on one worker
 * @param perSplit          seconds per split by part
 */
record MeasuredEpoch(int splits, double examplesPerSecond, double busyWorkers, double stepSeconds,
                     Map<String, Double> perSplit) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Reads the last epoch that has a {@code split_times} line from the metrics log's {@code lines}.
     *
     * @throws IllegalArgumentException if no epoch has one
     */
    static MeasuredEpoch last(List<String> lines) {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : lines) {
            try {
                nodes.add(JSON.readTree(line));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("unreadable metrics line '" + line + "'", e);
            }
        }
        JsonNode times = nodes.stream().filter(node -> node.path("type").asText().equals("split_times"))
                .reduce((first, second) -> second)
                .orElseThrow(() -> new IllegalArgumentException("the metrics log has no split_times line; did the"
                        + " training run finish an epoch?"));
        int epoch = times.get("epoch").asInt();
        long examples = 0;
        double seconds = 0;
        for (JsonNode node : nodes) {
            if (node.path("type").asText().equals("split") && node.get("epoch").asInt() == epoch) {
                examples += node.get("examples").asLong();
                seconds += node.get("seconds").asDouble();
            }
        }
        Map<String, Double> parts = new LinkedHashMap<>();
        times.get("seconds_per_split").fields().forEachRemaining(part -> parts.put(part.getKey(), part.getValue().asDouble()));
        return new MeasuredEpoch(times.get("splits").asInt(), examples / seconds, times.get("busy_workers").asDouble(),
                times.get("fit_seconds_per_minibatch").asDouble(), parts);
    }
}
