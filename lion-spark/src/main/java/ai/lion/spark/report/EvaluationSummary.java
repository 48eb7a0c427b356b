package ai.lion.spark.report;

import ai.lion.core.models.Task;
import ai.lion.spark.train.EvaluationResult;
import ai.lion.spark.train.FrequencyBaseline;
import ai.lion.spark.train.Perplexity;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Objects;

/**
 * The result of evaluating one checkpoint on one data split, as a line for people and as JSON:
 * <pre>
 * {"checkpoint":"file:/runs/fm-s/ckpt-000004","checkpoint_sequence":4,"epochs_trained":2,
 *  "data":"file:/data/fashion-mnist/test","loss":0.3712,"accuracy":0.8671,"targets":10000,
 *  "examples":10000,"rows_skipped":0,"seconds":14.2,
 *  "class_frequency_baseline":{"loss":2.3026,"accuracy":0.1}}
 * </pre>
 * Beside the model stands the {@link FrequencyBaseline} of the training split, scored on the same
 * targets: for a classifier the class-frequency baseline ({@code loss}, {@code accuracy}). For a
 * masked-language model the targets are the masked tokens, the loss is per masked token, and the JSON
 * adds its {@code "perplexity"} and holds the {@code "unigram_baseline"} ({@code loss}, {@code perplexity},
 * {@code accuracy}) instead.
 *
 * @param checkpoint         the evaluated checkpoint's location
 * @param checkpointSequence its sequence number in the store
 * @param epochsTrained      completed epochs of training behind it
 * @param data               the evaluated split
 * @param loss               mean loss per prediction target
 * @param accuracy           share of prediction targets predicted right
 * @param targets            prediction targets (examples for classification, masked positions for MLM)
 * @param examples           examples evaluated
 * @param rowsSkipped        bad rows skipped (only when bad rows are skipped)
 * @param seconds            wall-clock time of the evaluation
 * @param task               what the model predicts, which names the baseline
 * @param baseline           the frequency baseline of the training split on the same targets
 */
public record EvaluationSummary(String checkpoint, long checkpointSequence, int epochsTrained, String data, double loss,
                                double accuracy, long targets, long examples, long rowsSkipped, double seconds,
                                Task task, EvaluationResult baseline) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Checks the names are present. */
    public EvaluationSummary {
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(baseline, "baseline");
    }

    /** The summary as an indented JSON object with the fields shown in the class documentation. */
    public String toJson() {
        boolean mlm = task == Task.MLM;
        ObjectNode node = JSON.createObjectNode();
        node.put("checkpoint", checkpoint);
        node.put("checkpoint_sequence", checkpointSequence);
        node.put("epochs_trained", epochsTrained);
        node.put("data", data);
        node.put("loss", loss);
        if (mlm) {
            node.put("perplexity", Perplexity.of(loss));
        }
        node.put("accuracy", accuracy);
        node.put("targets", targets);
        node.put("examples", examples);
        node.put("rows_skipped", rowsSkipped);
        node.put("seconds", seconds);
        ObjectNode baselineNode = node.putObject(mlm ? "unigram_baseline" : "class_frequency_baseline");
        baselineNode.put("loss", baseline.loss());
        if (mlm) {
            baselineNode.put("perplexity", Perplexity.of(baseline.loss()));
        }
        baselineNode.put("accuracy", baseline.accuracy());
        try {
            return JSON.writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + this + " as JSON", e);
        }
    }

    /**
     * One line: accuracy, loss, counts, the checkpoint, the data and the baseline's accuracy and loss; for a
     * masked-language model the losses with their perplexity.
     */
    public String text() {
        if (task != Task.MLM) {
            return String.format(Locale.ROOT, "accuracy %.4f, loss %.4f on %d examples (%d targets, %d rows skipped)"
                    + " of %s, checkpoint %s after %d epochs, in %.1f s; class-frequency baseline: accuracy %.4f,"
                    + " loss %.4f", accuracy, loss, examples, targets, rowsSkipped, data, checkpoint, epochsTrained,
                    seconds, baseline.accuracy(), baseline.loss());
        }
        return String.format(Locale.ROOT, "masked-token accuracy %.4f, loss per masked token %s on %d examples"
                + " (%d masked tokens, %d rows skipped) of %s, checkpoint %s after %d epochs, in %.1f s;"
                + " unigram baseline: masked-token accuracy %.4f, loss per masked token %s", accuracy,
                Perplexity.describe(loss), examples, targets, rowsSkipped, data, checkpoint, epochsTrained, seconds,
                baseline.accuracy(), Perplexity.describe(baseline.loss()));
    }
}
