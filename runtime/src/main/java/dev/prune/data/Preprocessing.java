package dev.prune.data;

import java.util.List;

/** A fixed step applied to every image of every split. */
public sealed interface Preprocessing {

    /** The size of the output for an input of this size. */
    Size outputSize(Size in);

    Image apply(Image in);

    /** Whether the step changes where pixels are (resize, crop) rather than their values (normalize). */
    default boolean geometric() {
        return true;
    }

    /**
     * {@code resize(size, interpolation)}: scale so that the shorter side is size, keeping the aspect ratio.
     * The longer side is {@code size * long / short} rounded down, as torchvision computes it.
     */
    record Resize(int size, Interpolation interpolation) implements Preprocessing {
        public Resize(int size) {
            this(size, Interpolation.BILINEAR);
        }

        @Override
        public Size outputSize(Size in) {
            if (in.height() <= in.width()) {
                return new Size(size, Math.max(1, (int) ((long) size * in.width() / in.height())));
            }
            return new Size(Math.max(1, (int) ((long) size * in.height() / in.width())), size);
        }

        @Override
        public Image apply(Image in) {
            Size out = outputSize(in.size());
            return ImageOps.resize(in, out.height(), out.width(), interpolation);
        }
    }

    /**
     * {@code center_crop(size)}: the central size x size window. When the margin is odd the window sits at
     * {@code round(margin / 2)} with ties to even, Python's {@code round}, as in torchvision.
     */
    record CenterCrop(int size) implements Preprocessing {
        @Override
        public Size outputSize(Size in) {
            if (in.height() < size || in.width() < size) {
                throw new IllegalArgumentException("center_crop(" + size + ") needs images of at least " + size + "x" + size
                        + ", not " + in + " (resize first)");
            }
            return Size.square(size);
        }

        @Override
        public Image apply(Image in) {
            return ImageOps.crop(in, offset(in.height()), offset(in.width()), size, size);
        }

        private int offset(int side) {
            return (int) Math.rint((side - size) / 2.0);
        }
    }

    /** {@code normalize(mean, std)}: {@code (x - mean[c]) / std[c]}; a single value applies to every channel. */
    record Normalize(List<Double> mean, List<Double> std) implements Preprocessing {
        public Normalize {
            mean = List.copyOf(mean);
            std = List.copyOf(std);
        }

        @Override
        public boolean geometric() {
            return false;
        }

        @Override
        public Size outputSize(Size in) {
            return in;
        }

        /** Whether the values fit an image of this many channels: one value each, or one for all. */
        public boolean fits(int channels) {
            return (mean.size() == 1 || mean.size() == channels) && (std.size() == 1 || std.size() == channels);
        }

        @Override
        public Image apply(Image in) {
            float[] out = in.pixels().clone();
            int plane = in.height() * in.width();
            for (int c = 0; c < in.channels(); c++) {
                float m = mean.get(mean.size() == 1 ? 0 : c).floatValue();
                float s = std.get(std.size() == 1 ? 0 : c).floatValue();
                for (int i = c * plane; i < (c + 1) * plane; i++) {
                    out[i] = (out[i] - m) / s;
                }
            }
            return new Image(in.channels(), in.height(), in.width(), out);
        }
    }
}
