package ai.lion.spark.train;

import ai.lion.spark.checkpoint.TrainingCursor;
import ai.lion.spark.data.RowProblem;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * The JSON lines the trainer writes to the metrics log and into every checkpoint, one object per
 * line, told apart by {@code "type"}:
 * <pre>
 * {"type":"run","event":"start","time":...,"seed":42,"workers":2,"averaging_frequency":5,"batch_size_per_worker":32,"minibatch_size":32,"epochs":10}
 * {"type":"run","event":"resume","time":...,"epoch":3,"split":4,"checkpoint":"hdfs://.../ckpt-000012",...layout...}
 * {"type":"split","epoch":3,"split":4,"splits":20,"examples":320,"train_loss":0.41,"learning_rate":9.1E-4,"seconds":1.9}
 * {"type":"epoch","epoch":3,"splits":20,"examples":6400,"train_loss":0.43,"val_loss":0.45,"val_accuracy":0.81,...,
 *  "skipped_rows":{"train":{"NON_FINITE_VALUE":2},"validation":{}}}
 * {"type":"split_times","epoch":3,"splits":20,"busy_workers":1.6,"tasks_per_split":4,"fit_seconds_per_minibatch":0.06,"seconds_per_split":{"wall":1.9,"fit":1.2,...}}
 * </pre>
 * {@code skipped_rows} counts the rows of the epoch skipped as bad ({@code data.bad-rows = skip}) per
 * split and {@code RowProblem}; lines written before it existed read as nothing skipped. After a
 * {@code resume} line, training continues from its epoch and split; lines for later splits
 * written before the restart are superseded.
 *
 * <p>{@code train_loss}, {@code val_loss} and {@code val_accuracy} are per prediction target
 * ({@link EpochMetrics}): per example for classification, per masked token for masked-language models
 * (losses as mean cross-entropy in nats, whose exp is the perplexity).
 */
final class MetricsLines {

    static final String TYPE = "type";
    static final String RUN = "run";
    static final String SPLIT = "split";
    static final String EPOCH = "epoch";
    static final String SKIPPED_ROWS = "skipped_rows";

    private static final ObjectMapper JSON = new ObjectMapper();

    private MetricsLines() {
    }

    /** The line that opens a fresh run. */
    static String start(RunLayout layout, int epochs) {
        ObjectNode line = run("start", layout);
        line.put("epochs", epochs);
        return write(line);
    }

    /** The line that records a restart from {@code checkpoint} at {@code cursor}. */
    static String resume(RunLayout layout, TrainingCursor cursor, String checkpoint) {
        ObjectNode line = run("resume", layout);
        line.put(EPOCH, cursor.epoch());
        line.put(SPLIT, cursor.splitIndex());
        line.put("checkpoint", checkpoint);
        return write(line);
    }

    private static ObjectNode run(String event, RunLayout layout) {
        ObjectNode line = JSON.createObjectNode();
        line.put(TYPE, RUN);
        line.put("event", event);
        line.put("time", Instant.now().toString());
        line.put("seed", layout.seed());
        line.put("workers", layout.workers());
        line.put("averaging_frequency", layout.averagingFrequency());
        line.put("batch_size_per_worker", layout.batchSizePerWorker());
        line.put("minibatch_size", layout.minibatchSize());
        return line;
    }

    static String split(SplitRecord split) {
        ObjectNode line = JSON.createObjectNode();
        line.put(TYPE, SPLIT);
        line.put(EPOCH, split.epoch());
        line.put(SPLIT, split.split());
        line.put("splits", split.splits());
        line.put("examples", split.examples());
        line.put(MetricNames.TRAIN_LOSS, split.trainLoss());
        line.put("learning_rate", split.learningRate());
        line.put("seconds", split.seconds());
        return write(line);
    }

    /** Where the time of an epoch's splits went, in seconds per split ({@link SplitTimes#perSplit()}). */
    static String splitTimes(int epoch, SplitTimes times) {
        ObjectNode line = JSON.createObjectNode();
        line.put(TYPE, "split_times");
        line.put(EPOCH, epoch);
        line.put("splits", times.splits());
        line.put("busy_workers", times.busyWorkers());
        line.put("tasks_per_split", times.tasksPerSplit());
        line.put("fit_seconds_per_minibatch", times.fitPerMinibatch());
        ObjectNode parts = line.putObject("seconds_per_split");
        times.perSplit().forEach(parts::put);
        return write(line);
    }

    static String epoch(EpochMetrics epoch) {
        ObjectNode line = JSON.createObjectNode();
        line.put(TYPE, EPOCH);
        line.put(EPOCH, epoch.epoch());
        line.put("splits", epoch.splits());
        line.put("examples", epoch.examples());
        line.put(MetricNames.TRAIN_LOSS, epoch.trainLoss());
        line.put(MetricNames.VALIDATION_LOSS, epoch.validationLoss());
        line.put(MetricNames.VALIDATION_ACCURACY, epoch.validationAccuracy());
        line.put("learning_rate", epoch.learningRate());
        line.put("data_seconds", epoch.dataSeconds());
        line.put("train_seconds", epoch.trainSeconds());
        line.put("validation_seconds", epoch.validationSeconds());
        ObjectNode skipped = line.putObject(SKIPPED_ROWS);
        putCounts(skipped.putObject("train"), epoch.skipped().train());
        putCounts(skipped.putObject("validation"), epoch.skipped().validation());
        return write(line);
    }

    private static void putCounts(ObjectNode node, Map<RowProblem, Long> counts) {
        counts.forEach((problem, count) -> node.put(problem.name(), count));
    }

    private static SkippedRows skippedOf(JsonNode epoch) {
        JsonNode skipped = epoch.path(SKIPPED_ROWS);
        return new SkippedRows(countsOf(skipped.path("train")), countsOf(skipped.path("validation")));
    }

    private static Map<RowProblem, Long> countsOf(JsonNode counts) {
        EnumMap<RowProblem, Long> read = new EnumMap<>(RowProblem.class);
        counts.fields().forEachRemaining(entry -> read.put(RowProblem.valueOf(entry.getKey()), entry.getValue().asLong()));
        return read;
    }

    /** Parses one line written by this class. */
    static JsonNode read(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            if (node == null || !node.isObject() || !node.hasNonNull(TYPE)) {
                throw new IllegalArgumentException("metrics line has no \"type\": " + line);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("metrics line is not JSON (" + e.getOriginalMessage() + "): " + line, e);
        }
    }

    static RunLayout layoutOf(JsonNode run) {
        return new RunLayout(required(run, "seed").asLong(), required(run, "workers").asInt(),
                required(run, "averaging_frequency").asInt(), required(run, "batch_size_per_worker").asInt(),
                required(run, "minibatch_size").asInt());
    }

    static SplitRecord splitOf(JsonNode split) {
        return new SplitRecord(required(split, EPOCH).asInt(), required(split, SPLIT).asInt(),
                required(split, "splits").asInt(), required(split, "examples").asLong(),
                required(split, MetricNames.TRAIN_LOSS).asDouble(), required(split, "learning_rate").asDouble(),
                required(split, "seconds").asDouble());
    }

    static EpochMetrics epochOf(JsonNode epoch) {
        return new EpochMetrics(required(epoch, EPOCH).asInt(), required(epoch, "splits").asInt(),
                required(epoch, "examples").asLong(), required(epoch, MetricNames.TRAIN_LOSS).asDouble(),
                required(epoch, MetricNames.VALIDATION_LOSS).asDouble(),
                required(epoch, MetricNames.VALIDATION_ACCURACY).asDouble(),
                required(epoch, "learning_rate").asDouble(), required(epoch, "data_seconds").asDouble(),
                required(epoch, "train_seconds").asDouble(),
                required(epoch, "validation_seconds").asDouble(), skippedOf(epoch));
    }

    private static JsonNode required(JsonNode line, String field) {
        JsonNode value = line.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("metrics line of type '" + line.get(TYPE).asText() + "' lacks \""
                    + field + "\": " + line);
        }
        return value;
    }

    private static String write(ObjectNode line) {
        try {
            return JSON.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write metrics line " + line, e);
        }
    }
}
