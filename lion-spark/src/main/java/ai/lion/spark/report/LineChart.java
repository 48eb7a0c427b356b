package ai.lion.spark.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A line chart with one or more series over shared integer x values, rendered as a standalone
 * {@code <svg>} element: title, axes with ticks and labels, one polyline and one marked point per
 * value of each series (with a tooltip), and a legend. Non-finite values are left out.
 *
 * @param title  text above the plot
 * @param xLabel label of the horizontal axis
 * @param yLabel label of the vertical axis
 * @param xs     the x values, ascending
 * @param series the lines; each has one value per x
 */
public record LineChart(String title, String xLabel, String yLabel, List<Integer> xs, List<Series> series) {

    private static final int WIDTH = 600;
    private static final int HEIGHT = 340;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int BOTTOM = 60;
    private static final int MAX_X_TICKS = 12;
    private static final int Y_TICK_INTERVALS = 4;

    /**
     * One line of the chart.
     *
     * @param name   shown in the legend and tooltips
     * @param colour a CSS colour
     * @param values one per x value of the chart
     */
    public record Series(String name, String colour, List<Double> values) {

        /** Copies the values. */
        public Series {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(colour, "colour");
            values = List.copyOf(values);
        }
    }

    /** Checks that every series has one value per x and that the xs ascend. */
    public LineChart {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(xLabel, "xLabel");
        Objects.requireNonNull(yLabel, "yLabel");
        xs = List.copyOf(xs);
        series = List.copyOf(series);
        for (int i = 1; i < xs.size(); i++) {
            if (xs.get(i) <= xs.get(i - 1)) {
                throw new IllegalArgumentException("x values must ascend, got " + xs);
            }
        }
        for (Series line : series) {
            if (line.values().size() != xs.size()) {
                throw new IllegalArgumentException("series '" + line.name() + "' has " + line.values().size()
                        + " values for " + xs.size() + " x values");
            }
        }
    }

    /** The chart as an {@code <svg>} element. */
    public String svg() {
        Scale x = xScale();
        Scale y = yScale();
        StringBuilder svg = new StringBuilder();
        svg.append(format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                + " role=\"img\" aria-label=\"%s\">\n", WIDTH, HEIGHT, WIDTH, HEIGHT, escape(title)));
        svg.append(format("<text class=\"title\" x=\"%d\" y=\"24\" text-anchor=\"middle\">%s</text>\n",
                LEFT + plotWidth() / 2, escape(title)));
        axes(svg, x, y);
        for (Series line : series) {
            plot(svg, line, x, y);
        }
        legend(svg);
        return svg.append("</svg>\n").toString();
    }

    private void axes(StringBuilder svg, Scale x, Scale y) {
        int bottom = TOP + plotHeight();
        svg.append(format("<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n", LEFT, bottom,
                LEFT + plotWidth(), bottom));
        svg.append(format("<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n", LEFT, TOP, LEFT, bottom));
        int step = Math.max(1, (int) Math.ceil(xs.size() / (double) MAX_X_TICKS));
        for (int i = 0; i < xs.size(); i += step) {
            double px = x.pixel(xs.get(i));
            svg.append(format("<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>\n", px,
                    bottom + 18, xs.get(i)));
        }
        for (double value : y.ticks()) {
            double py = y.pixel(value);
            svg.append(format("<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>\n", LEFT, py,
                    LEFT + plotWidth(), py));
            svg.append(format("<text class=\"tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n", LEFT - 6,
                    py + 4, y.label(value)));
        }
        svg.append(format("<text class=\"axis-label\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
                LEFT + plotWidth() / 2, bottom + 40, escape(xLabel)));
        svg.append(format("<text class=\"axis-label\" x=\"18\" y=\"%d\" text-anchor=\"middle\""
                + " transform=\"rotate(-90 18 %d)\">%s</text>\n", TOP + plotHeight() / 2, TOP + plotHeight() / 2,
                escape(yLabel)));
    }

    private void plot(StringBuilder svg, Series line, Scale x, Scale y) {
        List<String> points = new ArrayList<>();
        StringBuilder markers = new StringBuilder();
        for (int i = 0; i < xs.size(); i++) {
            double value = line.values().get(i);
            if (!Double.isFinite(value)) {
                continue;
            }
            double px = x.pixel(xs.get(i));
            double py = y.pixel(value);
            points.add(format("%.1f,%.1f", px, py));
            markers.append(format("<circle class=\"point\" data-series=\"%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\""
                    + " fill=\"%s\"><title>%s, %s %d: %.4f</title></circle>\n", escape(line.name()), px, py,
                    escape(line.colour()), escape(line.name()), escape(xLabel), xs.get(i), value));
        }
        svg.append(format("<polyline class=\"line\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>\n",
                escape(line.colour()), String.join(" ", points)));
        svg.append(markers);
    }

    private void legend(StringBuilder svg) {
        int left = LEFT + 10;
        for (Series line : series) {
            svg.append(format("<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"4\" fill=\"%s\"/>\n", left, HEIGHT - 12,
                    escape(line.colour())));
            svg.append(format("<text class=\"legend\" x=\"%d\" y=\"%d\">%s</text>\n", left + 18, HEIGHT - 7,
                    escape(line.name())));
            left += 30 + 8 * line.name().length();
        }
    }

    private Scale xScale() {
        double min = xs.isEmpty() ? 0 : xs.get(0);
        double max = xs.isEmpty() ? 1 : xs.get(xs.size() - 1);
        if (min == max) {
            min -= 1;
            max += 1;
        }
        return new Scale(min, max, LEFT, LEFT + plotWidth(), 1);
    }

    private Scale yScale() {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Series line : series) {
            for (double value : line.values()) {
                if (Double.isFinite(value)) {
                    min = Math.min(min, value);
                    max = Math.max(max, value);
                }
            }
        }
        if (min > max) {
            min = 0;
            max = 1;
        } else if (min == max) {
            double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
            min -= pad;
            max += pad;
        }
        double step = niceStep((max - min) / Y_TICK_INTERVALS);
        return new Scale(Math.floor(min / step) * step, Math.ceil(max / step) * step, TOP + plotHeight(), TOP, step);
    }

    /** 1, 2 or 5 times a power of ten, at least {@code rough}. */
    static double niceStep(double rough) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        for (double factor : new double[] {1, 2, 5, 10}) {
            if (factor * magnitude >= rough) {
                return factor * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static int plotWidth() {
        return WIDTH - LEFT - RIGHT;
    }

    private static int plotHeight() {
        return HEIGHT - TOP - BOTTOM;
    }

    /** Maps data values in [min, max] linearly onto pixels [from, to]; ticks every {@code step}. */
    private record Scale(double min, double max, double from, double to, double step) {

        double pixel(double value) {
            return from + (value - min) / (max - min) * (to - from);
        }

        List<Double> ticks() {
            List<Double> ticks = new ArrayList<>();
            long count = Math.round((max - min) / step);
            for (long i = 0; i <= count; i++) {
                ticks.add(min + i * step);
            }
            return ticks;
        }

        String label(double value) {
            int decimals = Math.max(0, (int) -Math.floor(Math.log10(step)));
            return format("%." + decimals + "f", value);
        }
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    /** {@code text} with the XML special characters escaped. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
