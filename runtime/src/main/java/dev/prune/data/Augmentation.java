package dev.prune.data;

import java.util.SplittableRandom;

/**
 * A random change made to a training image, and only to training images. Each takes its randomness from
 * the generator it is given, which {@link BatchLoader} derives from (seed, epoch, example).
 */
public sealed interface Augmentation {

    /** The size of the output for an input of this size; throws IllegalArgumentException when it cannot apply. */
    Size outputSize(Size in);

    Image apply(Image in, SplittableRandom random);

    /** {@code random_crop(size, padding)}: pad each side with zeros, then cut a size x size window at a random place. */
    record RandomCrop(int size, int padding) implements Augmentation {
        @Override
        public Size outputSize(Size in) {
            if (in.height() + 2 * padding < size || in.width() + 2 * padding < size) {
                throw new IllegalArgumentException("random_crop(" + size + ", padding: " + padding + ") needs images of at least "
                        + (size - 2 * padding) + "x" + (size - 2 * padding) + ", not " + in);
            }
            return Size.square(size);
        }

        @Override
        public Image apply(Image in, SplittableRandom random) {
            int top = random.nextInt(in.height() + 2 * padding - size + 1) - padding;
            int left = random.nextInt(in.width() + 2 * padding - size + 1) - padding;
            return ImageOps.crop(in, top, left, size, size);
        }
    }

    /**
     * {@code random_resized_crop(size, min_scale, interpolation)}: a window covering a random share (min_scale
     * to 1) of the area, with an aspect ratio whose logarithm is uniform between log(3/4) and log(4/3),
     * resized to size x size. As torchvision's {@code RandomResizedCrop}: sides rounded half to even, ten
     * tries, then the largest central window whose ratio is within the range.
     */
    record RandomResizedCrop(int size, double minScale, Interpolation interpolation) implements Augmentation {
        private static final double MIN_RATIO = 3.0 / 4.0;
        private static final double MAX_RATIO = 4.0 / 3.0;
        private static final double LOG_MIN_RATIO = Math.log(MIN_RATIO);
        private static final double LOG_MAX_RATIO = Math.log(MAX_RATIO);

        public RandomResizedCrop(int size, double minScale) {
            this(size, minScale, Interpolation.BILINEAR);
        }

        @Override
        public Size outputSize(Size in) {
            return Size.square(size);
        }

        @Override
        public Image apply(Image in, SplittableRandom random) {
            Window w = window(in.size(), random);
            return Resampler.resize(in, w, size, size, interpolation);
        }

        /** The window to cut, drawn as torchvision's {@code RandomResizedCrop.get_params} draws it. */
        Window window(Size in, SplittableRandom random) {
            int height = in.height();
            int width = in.width();
            double area = (double) height * width;
            for (int attempt = 0; attempt < 10; attempt++) {
                double target = area * (minScale + random.nextDouble() * (1 - minScale));
                double ratio = Math.exp(LOG_MIN_RATIO + random.nextDouble() * (LOG_MAX_RATIO - LOG_MIN_RATIO));
                int w = (int) Math.rint(Math.sqrt(target * ratio));
                int h = (int) Math.rint(Math.sqrt(target / ratio));
                if (w > 0 && h > 0 && w <= width && h <= height) {
                    return new Window(random.nextInt(height - h + 1), random.nextInt(width - w + 1), h, w);
                }
            }
            return central(in);
        }

        /** torchvision's fallback: the whole image if its ratio is in range, else the largest central window that is. */
        static Window central(Size in) {
            int height = in.height();
            int width = in.width();
            double ratio = (double) width / height;
            int w = width;
            int h = height;
            if (ratio < MIN_RATIO) {
                h = (int) Math.rint(w / MIN_RATIO);
            } else if (ratio > MAX_RATIO) {
                w = (int) Math.rint(h * MAX_RATIO);
            }
            return new Window((height - h) / 2, (width - w) / 2, h, w);
        }
    }

    /** A crop window: top row, left column, height, width. */
    record Window(int top, int left, int height, int width) {
    }

    /** {@code hflip(p)}: mirror left-right with probability p. */
    record HFlip(double p) implements Augmentation {
        @Override
        public Size outputSize(Size in) {
            return in;
        }

        @Override
        public Image apply(Image in, SplittableRandom random) {
            // Always draw, so that the stream an example sees does not depend on earlier outcomes' branches.
            return random.nextDouble() < p ? ImageOps.flipHorizontal(in) : in;
        }
    }
}
