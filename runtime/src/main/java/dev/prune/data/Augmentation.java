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
     * {@code random_resized_crop(size, min_scale)}: a window covering a random share (min_scale to 1) of the
     * area, with an aspect ratio between 3/4 and 4/3, resized to size x size. The procedure is the usual
     * Inception one: ten tries, then the whole image.
     */
    record RandomResizedCrop(int size, double minScale) implements Augmentation {
        private static final double LOG_MIN_RATIO = Math.log(3.0 / 4.0);
        private static final double LOG_MAX_RATIO = Math.log(4.0 / 3.0);

        @Override
        public Size outputSize(Size in) {
            return Size.square(size);
        }

        @Override
        public Image apply(Image in, SplittableRandom random) {
            double area = (double) in.height() * in.width();
            for (int attempt = 0; attempt < 10; attempt++) {
                double target = area * (minScale + random.nextDouble() * (1 - minScale));
                double ratio = Math.exp(LOG_MIN_RATIO + random.nextDouble() * (LOG_MAX_RATIO - LOG_MIN_RATIO));
                int w = (int) Math.round(Math.sqrt(target * ratio));
                int h = (int) Math.round(Math.sqrt(target / ratio));
                if (w > 0 && h > 0 && w <= in.width() && h <= in.height()) {
                    int top = random.nextInt(in.height() - h + 1);
                    int left = random.nextInt(in.width() - w + 1);
                    return ImageOps.resize(ImageOps.crop(in, top, left, h, w), size, size);
                }
            }
            return ImageOps.resize(in, size, size);
        }
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
