package dev.prune.data;

/** Pure functions on images: each returns a new image and leaves its input alone. */
final class ImageOps {

    private ImageOps() {
    }

    /**
     * The window {@code [top, top + height) x [left, left + width)}; where it reaches outside the image the
     * pixels are zero, which is how random_crop's padding is done without materialising a padded copy.
     */
    static Image crop(Image in, int top, int left, int height, int width) {
        Image out = Image.blank(in.channels(), height, width);
        int rowFrom = Math.max(0, -top);
        int rowTo = Math.min(height, in.height() - top);
        int colFrom = Math.max(0, -left);
        int colTo = Math.min(width, in.width() - left);
        if (colTo <= colFrom) {
            return out;
        }
        for (int c = 0; c < in.channels(); c++) {
            for (int r = rowFrom; r < rowTo; r++) {
                int src = (c * in.height() + r + top) * in.width() + colFrom + left;
                int dst = (c * height + r) * width + colFrom;
                System.arraycopy(in.pixels(), src, out.pixels(), dst, colTo - colFrom);
            }
        }
        return out;
    }

    /**
     * Bilinear resampling with pixel centres at half-integers (PyTorch's {@code align_corners=False}), so that
     * an image resized to its own size is unchanged and the picture does not drift towards a corner.
     */
    static Image resize(Image in, int height, int width) {
        if (height == in.height() && width == in.width()) {
            return in;
        }
        Image out = Image.blank(in.channels(), height, width);
        double scaleY = (double) in.height() / height;
        double scaleX = (double) in.width() / width;
        int[] x0 = new int[width];
        int[] x1 = new int[width];
        float[] fx = new float[width];
        for (int x = 0; x < width; x++) {
            double sx = Math.max(0, (x + 0.5) * scaleX - 0.5);
            x0[x] = Math.min((int) sx, in.width() - 1);
            x1[x] = Math.min(x0[x] + 1, in.width() - 1);
            fx[x] = (float) (sx - x0[x]);
        }
        for (int y = 0; y < height; y++) {
            double sy = Math.max(0, (y + 0.5) * scaleY - 0.5);
            int y0 = Math.min((int) sy, in.height() - 1);
            int y1 = Math.min(y0 + 1, in.height() - 1);
            float fy = (float) (sy - y0);
            for (int c = 0; c < in.channels(); c++) {
                for (int x = 0; x < width; x++) {
                    float top = in.get(c, y0, x0[x]) * (1 - fx[x]) + in.get(c, y0, x1[x]) * fx[x];
                    float bottom = in.get(c, y1, x0[x]) * (1 - fx[x]) + in.get(c, y1, x1[x]) * fx[x];
                    out.set(c, y, x, top * (1 - fy) + bottom * fy);
                }
            }
        }
        return out;
    }

    static Image flipHorizontal(Image in) {
        Image out = Image.blank(in.channels(), in.height(), in.width());
        float[] src = in.pixels();
        float[] dst = out.pixels();
        int w = in.width();
        for (int row = 0; row < in.channels() * in.height(); row++) {
            int base = row * w;
            for (int x = 0; x < w; x++) {
                dst[base + x] = src[base + w - 1 - x];
            }
        }
        return out;
    }
}
