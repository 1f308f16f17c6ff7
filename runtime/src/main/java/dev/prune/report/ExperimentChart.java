package dev.prune.report;

import dev.prune.stats.MeanInterval;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** One variant of an experiment: test top-1 per seed, with the mean and its 95 % t-interval drawn across. */
public final class ExperimentChart {

    private ExperimentChart() {
    }

    /**
     * @param seeds  x positions (one point per run; a variant with draws has several per seed)
     * @param top1   the runs' test top-1, as fractions
     */
    public static void write(String variant, List<Double> seeds, List<Double> top1, Path file) {
        ChartSize size = new ChartSize(640, 400);
        XYChart chart = Charts.xyChart(size.width(), size.height(), "Variant " + variant + ": test top-1 per seed", "seed",
                "test top-1 (%)");
        chart.getStyler().setMarkerSize(9);
        List<Double> percent = top1.stream().map(v -> 100 * v).toList();
        XYSeries runs = chart.addSeries("runs", seeds, percent);
        runs.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        runs.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(Charts.BLUE);
        double low = seeds.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double high = seeds.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        List<Double> span = low == high ? List.of(low - 0.5, high + 0.5) : List.of(low, high);
        if (percent.size() >= 2) {
            MeanInterval interval = MeanInterval.of(percent.stream().mapToDouble(Double::doubleValue).toArray(), 0.95);
            line(chart, "mean", span, interval.mean()).setLineColor(Charts.VERMILION);
            line(chart, "95% interval", span, interval.low()).setLineColor(Charts.ORANGE).setLineStyle(SeriesLines.DASH_DASH);
            line(chart, " ", span, interval.high()).setLineColor(Charts.ORANGE).setLineStyle(SeriesLines.DASH_DASH).setShowInLegend(false);
        }
        BufferedImage image = Charts.canvas(size);
        Graphics2D g = image.createGraphics();
        try {
            chart.paint(g, size.width(), size.height());
        } finally {
            g.dispose();
        }
        Charts.writePng(image, file);
    }

    private static XYSeries line(XYChart chart, String name, List<Double> span, double y) {
        XYSeries series = chart.addSeries(name, span, List.of(y, y));
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        series.setMarker(SeriesMarkers.NONE);
        return series;
    }
}
