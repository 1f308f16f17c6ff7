package dev.prune.report;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Every subnet the search scored, as search score against MACs, with the chosen one drawn on top in its own
 * colour, marker and legend entry: the plot shows whether the search picked from the good edge of the cloud.
 */
final class CandidateChart {

    /** Longer legend labels would push the legend past the image's edge. */
    private static final int MAX_LABEL = 60;

    private CandidateChart() {
    }

    static boolean drawable(List<CandidateLine> candidates) {
        return !candidates.isEmpty();
    }

    static BufferedImage render(List<CandidateLine> candidates, ChartSize size) {
        if (!drawable(candidates)) {
            throw new IllegalArgumentException("no candidates to plot");
        }
        XYChart chart = Charts.xyChart(size.width(), size.height(),
                "Search: score against cost (" + candidates.size() + " candidates)", "MMACs (per input)", scoreAxis(candidates));
        chart.getStyler().setMarkerSize(9);
        List<CandidateLine> others = candidates.stream().filter(c -> !c.chosen()).toList();
        List<CandidateLine> chosen = candidates.stream().filter(CandidateLine::chosen).toList();
        if (!others.isEmpty()) {
            scatter(chart, "candidates", others).setMarker(SeriesMarkers.CIRCLE).setMarkerColor(Charts.BLUE);
        }
        if (!chosen.isEmpty()) {
            // Added last so that it is drawn over any candidate at the same point.
            scatter(chart, chosenLabel(chosen), chosen).setMarker(SeriesMarkers.DIAMOND)
                    .setMarkerColor(Charts.VERMILION);
        }
        BufferedImage image = Charts.canvas(size);
        Graphics2D g = image.createGraphics();
        try {
            chart.paint(g, size.width(), size.height());
        } finally {
            g.dispose();
        }
        return image;
    }

    /** The score axis names what ranked the candidates, as candidates.jsonl records it: top-1 or loss, and on which split. */
    static String scoreAxis(List<CandidateLine> candidates) {
        List<String> scores = candidates.stream()
                .map(c -> (c.metric().equals("top1") ? "top-1" : c.metric()) + " on " + c.split())
                .distinct().toList();
        return "search score (" + String.join(", ", scores) + ")";
    }

    private static XYSeries scatter(XYChart chart, String name, List<CandidateLine> points) {
        XYSeries series = chart.addSeries(name, points.stream().map(c -> c.macs() / 1e6).toList(),
                points.stream().map(CandidateLine::score).toList());
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        return series;
    }

    private static String chosenLabel(List<CandidateLine> chosen) {
        if (chosen.size() > 1) {
            return "chosen (" + chosen.size() + " marked: the search log is inconsistent)";
        }
        String label = "chosen: " + String.join(", ", chosen.get(0).blocks());
        return label.length() <= MAX_LABEL ? label : "chosen (" + chosen.get(0).blocks().size() + " blocks)";
    }
}
