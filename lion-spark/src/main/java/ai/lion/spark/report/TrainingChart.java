package ai.lion.spark.report;

import ai.lion.spark.checkpoint.CheckpointStore;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * The training curves of a run as one self-contained HTML page (inline SVG and CSS, no scripts, no
 * external resources): training and validation loss per epoch, and validation accuracy per epoch.
 *
 * <pre>{@code
 * Path chart = TrainingChart.writeFor("hdfs://nn:8020/runs/fm-s", sc.hadoopConfiguration());
 * // hdfs://nn:8020/runs/fm-s/training-chart.html
 * }</pre>
 */
public final class TrainingChart {

    /** Name of the page in the checkpoint root. */
    public static final String FILE_NAME = "training-chart.html";

    private static final String TRAIN_COLOUR = "#1f77b4";
    private static final String VALIDATION_COLOUR = "#d62728";
    private static final String STYLE = "body{font-family:sans-serif;margin:24px;color:#222}"
            + "svg{display:block;margin:12px 0}.title{font-size:15px;font-weight:bold}"
            + ".tick{font-size:11px;fill:#555}.axis-label,.legend{font-size:12px}"
            + ".axis{stroke:#333}.grid{stroke:#ddd}";

    private TrainingChart() {
    }

    /** The page for the epochs in {@code history}, headed by {@code title}. */
    public static String html(String title, List<EpochPoint> history) {
        Objects.requireNonNull(title, "title");
        List<Integer> epochs = history.stream().map(p -> p.epoch() + 1).toList();
        LineChart loss = new LineChart("Loss", "epoch", "loss", epochs, List.of(
                new LineChart.Series("train loss", TRAIN_COLOUR, history.stream().map(EpochPoint::trainLoss).toList()),
                new LineChart.Series("validation loss", VALIDATION_COLOUR,
                        history.stream().map(EpochPoint::validationLoss).toList())));
        LineChart accuracy = new LineChart("Validation accuracy", "epoch", "accuracy", epochs, List.of(
                new LineChart.Series("validation accuracy", VALIDATION_COLOUR,
                        history.stream().map(EpochPoint::validationAccuracy).toList())));
        String escaped = LineChart.escape(title);
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + escaped
                + "</title>\n<style>" + STYLE + "</style>\n</head>\n<body>\n<h1>" + escaped + "</h1>\n<p>"
                + history.size() + (history.size() == 1 ? " epoch" : " epochs") + "</p>\n" + loss.svg()
                + accuracy.svg() + "</body>\n</html>\n";
    }

    /**
     * Reads the metrics log of the checkpoint store at {@code checkpointRoot}, draws its epochs and
     * writes the page as {@value #FILE_NAME} in that directory (replacing an older one).
     *
     * @return the page's fully qualified path
     */
    public static Path writeFor(String checkpointRoot, Configuration conf) throws IOException {
        CheckpointStore store = CheckpointStore.open(checkpointRoot, conf);
        List<EpochPoint> history = EpochHistory.of(store.metricsLog().readAll());
        return ReportFiles.write(new Path(store.root(), FILE_NAME), html("Training of " + store.root(), history), conf);
    }
}
