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

    /** Pillow's resampling (see {@link Resampler}), which torchvision's transforms use on PIL images. */
    static Image resize(Image in, int height, int width, Interpolation interpolation) {
        return Resampler.resize(in, height, width, interpolation);
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
