package ai.lion.spark.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lion.spark.checkpoint.CheckpointStore;
import ai.lion.spark.testing.MiniHdfs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingChartTest {

    private static final Pattern POINT = Pattern.compile(
            "<circle class=\"point\" data-series=\"([^\"]+)\" cx=\"([-0-9.]+)\" cy=\"([-0-9.]+)\"");

    private record Point(String series, double x, double y) {
    }

    private static List<Point> points(String html, String series) {
        List<Point> points = new ArrayList<>();
        Matcher m = POINT.matcher(html);
        while (m.find()) {
            if (m.group(1).equals(series)) {
                points.add(new Point(series, Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3))));
            }
        }
        return points;
    }

    private static final List<EpochPoint> HISTORY = List.of(new EpochPoint(0, 1.2, 0.9, 0.70),
            new EpochPoint(1, 0.7, 0.6, 0.80), new EpochPoint(2, 0.5, 0.55, 0.84), new EpochPoint(3, 0.4, 0.58, 0.83));

    @Test
    void everySeriesHasOnePointPerEpochAndTheAxesAreLabelled() {
        String html = TrainingChart.html("Run <a>", HISTORY);
        for (String series : List.of("train loss", "validation loss", "validation accuracy")) {
            assertEquals(HISTORY.size(), points(html, series).size(), series);
        }
        assertTrue(html.contains(">epoch</text>"), "x axis label");
        assertTrue(html.contains(">loss</text>"), "loss axis label");
        assertTrue(html.contains(">accuracy</text>"), "accuracy axis label");
        for (int epoch = 1; epoch <= HISTORY.size(); epoch++) {
            assertTrue(html.contains("text-anchor=\"middle\">" + epoch + "</text>"), "tick of epoch " + epoch);
        }
        assertTrue(html.contains("<title>Run &lt;a&gt;</title>"), "escaped title");
        assertTrue(html.contains("<title>validation accuracy, epoch 3: 0.8400</title>"), "tooltip");
    }

    @Test
    void thePageIsSelfContained() {
        String html = TrainingChart.html("run", HISTORY);
        assertFalse(html.contains("<script"));
        assertFalse(html.contains("href="));
        assertFalse(html.contains("src="));
        assertEquals(2, html.split("xmlns=\"http://www.w3.org/2000/svg\"", -1).length - 1, "two inline SVG charts");
        assertTrue(html.startsWith("<!DOCTYPE html>") && html.endsWith("</html>\n"));
    }

    @Test
    void pointsLieLeftToRightByEpochAndHigherValuesHigherUp() {
        String html = TrainingChart.html("run", HISTORY);
        List<Point> validation = points(html, "validation loss");
        for (int i = 1; i < validation.size(); i++) {
            assertTrue(validation.get(i).x() > validation.get(i - 1).x(), "x ascends with the epoch");
        }
        // SVG y grows downwards: the largest validation loss (epoch 1) is drawn highest, the smallest (epoch 3) lowest
        assertEquals(validation.get(0), validation.stream().min(Comparator.comparingDouble(Point::y)).orElseThrow());
        assertEquals(validation.get(2), validation.stream().max(Comparator.comparingDouble(Point::y)).orElseThrow());
        List<Point> train = points(html, "train loss");
        double pixelsPerLoss = (train.get(1).y() - train.get(0).y()) / (0.7 - 1.2);
        assertEquals(train.get(0).y() + (0.4 - 1.2) * pixelsPerLoss, train.get(3).y(), 0.11, "linear y scale");
    }

    @Test
    void aSingleEpochAndNoEpochsStillDraw() {
        String one = TrainingChart.html("run", HISTORY.subList(0, 1));
        assertEquals(1, points(one, "train loss").size());
        assertTrue(one.contains("<p>1 epoch</p>"));
        String none = TrainingChart.html("run", List.of());
        assertEquals(0, points(none, "train loss").size());
        assertTrue(none.contains(">epoch</text>"));
    }

    @Test
    void theChartIsWrittenBesideTheCheckpointsOnHdfs(@TempDir java.nio.file.Path dir) throws IOException {
        try (MiniHdfs hdfs = MiniHdfs.start(dir)) {
            String root = hdfs.url("/runs/a");
            CheckpointStore store = CheckpointStore.open(root, hdfs.configuration());
            store.metricsLog().append(List.of(EpochHistoryTest.epoch(0, 1.2, 0.9, 0.7)));
            store.metricsLog().append(List.of(EpochHistoryTest.epoch(1, 0.7, 0.6, 0.8)));

            Path chart = TrainingChart.writeFor(root, hdfs.configuration());
            Path again = TrainingChart.writeFor(root, hdfs.configuration());

            assertEquals(new Path(store.root(), TrainingChart.FILE_NAME), chart);
            assertEquals(chart, again);
            FileSystem fs = chart.getFileSystem(hdfs.configuration());
            String written;
            try (InputStream in = fs.open(chart)) {
                written = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertEquals(TrainingChart.html("Training of " + store.root(), HISTORY.subList(0, 2)), written);
            assertEquals(List.of("metrics.jsonl", chart.getName()),
                    Arrays.stream(fs.listStatus(store.root())).map(s -> s.getPath().getName()).sorted().toList());
        }
    }
}
