package dev.prune.data;

/**
 * Resizing as Pillow's {@code Image.resize} does it for 8-bit images, which is what torchvision's
 * {@code Resize} and {@code RandomResizedCrop} call on PIL images: a separable convolution whose filter is
 * widened by the scale factor when shrinking (so every source pixel contributes: antialiasing), with
 * weights rounded to 22-bit fixed point, the horizontal pass first, and each pass rounded and clipped to
 * 0..255. Reproducing the integer arithmetic, not just the filter, is what makes the results agree to
 * the grey level rather than within a few levels.
 *
 * <p>Pixels come in as floats in [0, 1] and are read as the nearest of the 256 levels; the output is
 * again {@code level / 255}. Images decoded from 8-bit files are exactly on those levels.
 */
final class Resampler {

    /** Pillow's {@code PRECISION_BITS}: 32 - 8 - 2, leaving room for the sum of 8-bit values times weights. */
    private static final int PRECISION_BITS = 22;
    private static final int HALF = 1 << (PRECISION_BITS - 1);
    private static final int MAX = 255 << PRECISION_BITS;

    private Resampler() {
    }

    /** For each output position: the first source index, how many taps, and the fixed-point weights. */
    private record Coefficients(int[] first, int[] count, int[] weights, int taps) {

        static Coefficients of(int inSize, int outSize, Interpolation filter) {
            double scale = (double) inSize / outSize;
            double filterScale = Math.max(scale, 1.0);
            double support = filter.support() * filterScale;
            int taps = (int) Math.ceil(support) * 2 + 1;
            int[] first = new int[outSize];
            int[] count = new int[outSize];
            int[] weights = new int[outSize * taps];
            double[] k = new double[taps];
            double inverse = 1.0 / filterScale; // Pillow multiplies by the reciprocal; dividing can differ in the last bit
            for (int out = 0; out < outSize; out++) {
                double center = (out + 0.5) * scale;
                // Pillow truncates towards zero after adding 0.5, then clamps; (int) in Java does the same.
                int min = Math.max(0, (int) (center - support + 0.5));
                int max = Math.min(inSize, (int) (center + support + 0.5)) - min;
                double sum = 0;
                for (int x = 0; x < max; x++) {
                    k[x] = filter.weight((x + min - center + 0.5) * inverse);
                    sum += k[x];
                }
                for (int x = 0; x < max; x++) {
                    double w = sum != 0.0 ? k[x] / sum : k[x];
                    weights[out * taps + x] = (int) (w < 0 ? -0.5 + w * (1 << PRECISION_BITS) : 0.5 + w * (1 << PRECISION_BITS));
                }
                first[out] = min;
                count[out] = max;
            }
            return new Coefficients(first, count, weights, taps);
        }
    }

    static Image resize(Image in, int height, int width, Interpolation filter) {
        if (height == in.height() && width == in.width()) {
            return in;
        }
        return resize(in, new Augmentation.Window(0, 0, in.height(), in.width()), height, width, filter);
    }

    /** The window of the image (which lies inside it) resized: crop then resize, without the intermediate copy. */
    static Image resize(Image in, Augmentation.Window window, int height, int width, Interpolation filter) {
        int channels = in.channels();
        int[] levels = levels(in, window);
        boolean horizontal = width != window.width();
        boolean vertical = height != window.height();
        Coefficients cx = Coefficients.of(window.width(), width, filter);
        Coefficients cy = Coefficients.of(window.height(), height, filter);
        int[] plane = levels;
        int rows = window.height();
        int cols = window.width();
        int rowOffset = 0;
        if (horizontal) {
            // Like Pillow, only the rows the vertical pass will read are resampled horizontally.
            int firstRow = cy.first[0];
            int used = cy.first[height - 1] + cy.count[height - 1] - firstRow;
            plane = horizontal(plane, channels * rows, cols, channels, rows, firstRow, used, cx, width);
            rows = used;
            cols = width;
            rowOffset = firstRow;
        }
        if (vertical) {
            plane = vertical(plane, channels, rows, cols, rowOffset, cy, height);
            rows = height;
        }
        float[] pixels = new float[plane.length];
        for (int i = 0; i < plane.length; i++) {
            pixels[i] = plane[i] / 255f;
        }
        return new Image(channels, rows, cols, pixels);
    }

    /** Each used row of each channel resampled to {@code width}; rows {@code firstRow .. firstRow + used - 1}. */
    private static int[] horizontal(int[] plane, int allRows, int cols, int channels, int rows, int firstRow, int used,
            Coefficients cx, int width) {
        int[] temp = new int[channels * used * width];
        int[] first = cx.first;
        int[] count = cx.count;
        int[] weights = cx.weights;
        int taps = cx.taps;
        for (int c = 0; c < channels; c++) {
            for (int r = 0; r < used; r++) {
                int src = (c * rows + firstRow + r) * cols;
                int dst = (c * used + r) * width;
                for (int x = 0; x < width; x++) {
                    int from = src + first[x];
                    int n = count[x];
                    int k = x * taps;
                    int ss = HALF;
                    for (int t = 0; t < n; t++) {
                        ss += plane[from + t] * weights[k + t];
                    }
                    temp[dst + x] = clip(ss);
                }
            }
        }
        return temp;
    }

    /**
     * Each column resampled to {@code height}, row by row with the taps outermost: the same integer sums as
     * Pillow's loop, in an order the JIT can vectorise (integer addition is exact, so order does not matter).
     */
    private static int[] vertical(int[] plane, int channels, int rows, int cols, int rowOffset, Coefficients cy, int height) {
        int[] out = new int[channels * height * cols];
        int[] sum = new int[cols];
        for (int c = 0; c < channels; c++) {
            int base = c * rows * cols;
            for (int y = 0; y < height; y++) {
                int min = cy.first[y] - rowOffset;
                int n = cy.count[y];
                int k = y * cy.taps;
                java.util.Arrays.fill(sum, HALF);
                for (int t = 0; t < n; t++) {
                    accumulate(sum, plane, base + (min + t) * cols, cy.weights[k + t]);
                }
                int dst = (c * height + y) * cols;
                for (int x = 0; x < cols; x++) {
                    out[dst + x] = clip(sum[x]);
                }
            }
        }
        return out;
    }

    private static void accumulate(int[] sum, int[] plane, int from, int weight) {
        for (int x = 0; x < sum.length; x++) {
            sum[x] += plane[from + x] * weight;
        }
    }

    private static int clip(int ss) {
        if (ss >= MAX) {
            return 255;
        }
        return ss <= 0 ? 0 : ss >> PRECISION_BITS;
    }

    /** The nearest of the 256 levels for each pixel of the window, clamped to 0..255. */
    private static int[] levels(Image in, Augmentation.Window window) {
        float[] pixels = in.pixels();
        int h = window.height();
        int w = window.width();
        int[] out = new int[in.channels() * h * w];
        for (int c = 0; c < in.channels(); c++) {
            for (int r = 0; r < h; r++) {
                int src = (c * in.height() + window.top() + r) * in.width() + window.left();
                int dst = (c * h + r) * w;
                for (int x = 0; x < w; x++) {
                    int v = (int) (pixels[src + x] * 255f + 0.5f);
                    out[dst + x] = v < 0 ? 0 : Math.min(v, 255);
                }
            }
        }
        return out;
    }
}
