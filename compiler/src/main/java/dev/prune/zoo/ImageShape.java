package dev.prune.zoo;

import dev.prune.ir.Shape;

/** The shape of one input image, channels first, as a model's {@code input [C, H, W]} declares it. */
public record ImageShape(int channels, int height, int width) {

    public ImageShape {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("image shape must be positive: " + channels + "×" + height + "×" + width);
        }
    }

    public static ImageShape of(int channels, int height, int width) {
        return new ImageShape(channels, height, width);
    }

    /** ImageNet's 3×224×224. */
    public static ImageShape imagenet() {
        return new ImageShape(3, 224, 224);
    }

    /** The graph input shape: a dynamic batch in front. */
    public Shape batched() {
        return Shape.of(Shape.DYNAMIC, channels, height, width);
    }

    public int minSide() {
        return Math.min(height, width);
    }
}
