package ai.lion.bench.scaling;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Fits the {@link CostModel} to split benchmark runs on one machine (no network), usually with 1 and 2
 * workers: the step time per batch size is the mean fit time per minibatch of the 1-worker runs (of all
 * runs if there is none), and the latency and the processing time per byte are the least-squares line
 * {@code overhead = latency + secondsPerByte · copies(W) · bytes} through every run's split time outside
 * fitting. A negative coefficient is set to 0 and the other refitted alone.
 */
public final class Calibration {

    private Calibration() {
    }

    /**
     * The cost model of each batch size the runs measured, by batch size.
     *
     * @throws IllegalArgumentException if there are no runs
     */
    public static Map<Integer, CostModel> fit(List<SplitMeasurement> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no benchmark runs to calibrate from");
        }
        SplitMeasurement first = runs.get(0);
        double[] line = overheadLine(runs);
        Map<Integer, List<SplitMeasurement>> byBatch = runs.stream()
                .collect(Collectors.groupingBy(SplitMeasurement::batchSize, TreeMap::new, Collectors.toList()));
        Map<Integer, CostModel> models = new TreeMap<>();
        byBatch.forEach((batch, rows) -> {
            List<SplitMeasurement> single = rows.stream().filter(row -> row.workers() == 1).toList();
            double step = (single.isEmpty() ? rows : single).stream().mapToDouble(SplitMeasurement::stepSeconds)
                    .average().orElseThrow();
            models.put(batch, new CostModel(batch, step, first.parameters(), first.averagedBytes(), line[0], line[1],
                    first.aggregationDepth()));
        });
        return models;
    }

    /** {latency, secondsPerByte} of the least-squares line, both non-negative. */
    private static double[] overheadLine(List<SplitMeasurement> runs) {
        int n = runs.size();
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            SplitMeasurement run = runs.get(i);
            x[i] = (double) CostModel.copies(run.workers(), run.aggregationDepth()) * run.averagedBytes();
            y[i] = run.overheadSeconds();
        }
        double meanX = mean(x);
        double meanY = mean(y);
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (x[i] - meanX) * (x[i] - meanX);
            sxy += (x[i] - meanX) * (y[i] - meanY);
        }
        double slope = sxx == 0 ? 0 : sxy / sxx;
        double intercept = meanY - slope * meanX;
        if (slope < 0) {
            return new double[] {Math.max(0, meanY), 0};
        }
        if (intercept < 0) {
            double sumXY = 0;
            double sumXX = 0;
            for (int i = 0; i < n; i++) {
                sumXY += x[i] * y[i];
                sumXX += x[i] * x[i];
            }
            return new double[] {0, Math.max(0, sumXY / sumXX)};
        }
        return new double[] {intercept, slope};
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }
}
