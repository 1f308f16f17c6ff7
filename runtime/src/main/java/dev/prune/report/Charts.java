package dev.prune.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;

/** The look shared by the report's plots, and their PNG output. */
final class Charts {

    static {
        // Runs are on servers without a display. The property only counts if set before AWT starts, and
        // every chart goes through this class first.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** Colours that stay distinct for colour-blind readers (Okabe–Ito). */
    static final Color BLUE = new Color(0, 114, 178);
    static final Color ORANGE = new Color(230, 159, 0);
    static final Color GREEN = new Color(0, 158, 115);
    static final Color VERMILION = new Color(213, 94, 0);

    private Charts() {
    }

    /** A white XY chart with its legend below the plot, so that no curve is hidden behind it. */
    static XYChart xyChart(int width, int height, String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        XYStyler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesColor(new Color(225, 225, 225));
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setLegendBorderColor(Color.WHITE);
        styler.setAntiAlias(true);
        styler.setTextAntiAlias(true);
        return chart;
    }

    /** A white image of {@code size} to paint charts on (going through here makes AWT headless first). */
    static BufferedImage canvas(ChartSize size) {
        BufferedImage image = new BufferedImage(size.width(), size.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, size.width(), size.height());
        } finally {
            g.dispose();
        }
        return image;
    }

    /** PNG bytes of {@code image}. */
    static byte[] png(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("this Java runtime has no PNG writer");
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a PNG: " + e.getMessage(), e);
        }
    }

    /** Writes {@code image} as a PNG, atomically. */
    static void writePng(BufferedImage image, Path file) {
        ReportFiles.write(file, png(image));
    }
}
