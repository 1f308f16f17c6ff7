package dev.prune.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The training curves of one stage against epochs: loss on the left axis (per step, faint, when steps were
 * logged; the epoch mean as points), train and validation top-1 on the right. A stage that logs λ (the
 * subnet) gets a short second panel below with λ on the same epoch axis, since λ shares no scale with loss.
 */
final class TrainingChart {

    /** Share of the image height given to the λ panel. */
    private static final double LAMBDA_PANEL_SHARE = 0.28;

    private TrainingChart() {
    }

    /** Whether {@code stage} has anything to draw. */
    static boolean drawable(StageLog stage) {
        return !stage.epochs().isEmpty();
    }

    static BufferedImage render(StageLog stage, ChartSize size) {
        if (!drawable(stage)) {
            throw new IllegalArgumentException("stage " + stage.stage() + " has no epoch records to plot");
        }
        BufferedImage image = Charts.canvas(size);
        Graphics2D g = image.createGraphics();
        try {
            double xMax = xMax(stage);
            if (stage.hasLambda()) {
                int lambdaHeight = (int) Math.round(size.height() * LAMBDA_PANEL_SHARE);
                int mainHeight = size.height() - lambdaHeight;
                curves(stage, size.width(), mainHeight, xMax).paint(g, size.width(), mainHeight);
                g.translate(0, mainHeight);
                lambda(stage, size.width(), lambdaHeight, xMax).paint(g, size.width(), lambdaHeight);
            } else {
                curves(stage, size.width(), size.height(), xMax).paint(g, size.width(), size.height());
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static XYChart curves(StageLog stage, int width, int height, double xMax) {
        XYChart chart = Charts.xyChart(width, height, "Training: " + stage.stage(), "epoch", "loss");
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(xMax);
        chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        chart.setYAxisGroupTitle(1, "top-1");
        chart.getStyler().putYAxisGroupDecimalPatternMap(0, "0.00");
        chart.getStyler().putYAxisGroupDecimalPatternMap(1, "0.000");
        List<EpochRecord> epochs = stage.epochs();
        if (!stage.steps().isEmpty()) {
            XYSeries steps = chart.addSeries("loss (per step)", stepPositions(stage),
                    stage.steps().stream().map(StepRecord::loss).toList());
            style(steps, new Color(86, 180, 233), SeriesMarkers.NONE, 1f);
        }
        XYSeries loss = chart.addSeries("loss (epoch mean)", epochNumbers(epochs),
                epochs.stream().map(EpochRecord::loss).toList());
        style(loss, Charts.BLUE, SeriesMarkers.CIRCLE, 2f);
        addTop1(chart, "train top-1", epochs, EpochRecord::trainTop1, Charts.ORANGE, SeriesMarkers.SQUARE);
        addTop1(chart, "val top-1", epochs, EpochRecord::valTop1, Charts.VERMILION, SeriesMarkers.DIAMOND);
        return chart;
    }

    /** Adds a top-1 series on the right axis over the epochs that measured it; nothing if none did. */
    private static void addTop1(XYChart chart, String name, List<EpochRecord> epochs,
            Function<EpochRecord, Double> value, Color color, Marker marker) {
        List<EpochRecord> measured = epochs.stream().filter(e -> value.apply(e) != null).toList();
        if (measured.isEmpty()) {
            return;
        }
        XYSeries series = chart.addSeries(name, epochNumbers(measured), measured.stream().map(value).toList());
        style(series, color, marker, 2f);
        series.setYAxisGroup(1);
    }

    private static XYChart lambda(StageLog stage, int width, int height, double xMax) {
        XYChart chart = Charts.xyChart(width, height, null, "epoch", "λ");
        chart.getStyler().setChartTitleVisible(false).setLegendVisible(false);
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(xMax);
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        List<StepRecord> steps = stage.steps().stream().filter(s -> s.lambda() != null).toList();
        List<EpochRecord> epochs = stage.epochs().stream().filter(e -> e.lambda() != null).toList();
        // Per step when logged (the schedule's true shape), else the value at each epoch's end.
        List<Double> x = steps.isEmpty() ? epochNumbers(epochs)
                : steps.stream().map(s -> stage.epochPosition(s.step())).toList();
        List<Double> y = steps.isEmpty() ? epochs.stream().map(EpochRecord::lambda).toList()
                : steps.stream().map(StepRecord::lambda).toList();
        Marker marker = steps.isEmpty() ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE;
        // The same series on a right axis too: the panel then has axes on both sides like the one above,
        // so that their epoch axes line up (near enough: the label widths still differ by a few pixels).
        for (int group = 0; group < 2; group++) {
            XYSeries series = chart.addSeries(group == 0 ? "λ" : "λ (right axis)", x, y);
            style(series, Charts.GREEN, marker, 2f);
            series.setYAxisGroup(group);
            chart.getStyler().putYAxisGroupDecimalPatternMap(group, "0.00");
        }
        chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        chart.setYAxisGroupTitle(1, "λ");
        return chart;
    }

    private static void style(XYSeries series, Color color, Marker marker,
            float lineWidth) {
        series.setLineColor(color);
        series.setMarkerColor(color);
        series.setMarker(marker);
        series.setLineStyle(new BasicStroke(lineWidth));
    }

    private static List<Double> stepPositions(StageLog stage) {
        return positions(stage.steps(), s -> stage.epochPosition(s.step()));
    }

    private static List<Double> epochNumbers(List<EpochRecord> epochs) {
        return positions(epochs, e -> e.epoch());
    }

    private static <T> List<Double> positions(List<T> items, ToDoubleFunction<T> position) {
        return items.stream().map(item -> position.applyAsDouble(item)).toList();
    }

    /** The right end of the epoch axis: the last epoch, or a later step of an unfinished one. */
    private static double xMax(StageLog stage) {
        double last = stage.epochs().get(stage.epochs().size() - 1).epoch();
        double lastStep = stage.steps().isEmpty() ? 0
                : stage.epochPosition(stage.steps().get(stage.steps().size() - 1).step());
        return Math.max(Math.max(last, lastStep), 1.0);
    }
}
