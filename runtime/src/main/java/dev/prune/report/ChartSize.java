package dev.prune.report;

/** The pixel size of each plot; {@link #DEFAULT} reads well embedded in a markdown page. */
public record ChartSize(int width, int height) {

    public static final ChartSize DEFAULT = new ChartSize(800, 500);

    public ChartSize {
        // Below this xchart has no room left for the plot area between titles, axes and legend.
        if (width < 200 || height < 150) {
            throw new IllegalArgumentException("a chart needs at least 200×150 pixels, got " + width + "×" + height);
        }
    }
}
