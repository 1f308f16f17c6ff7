package dev.prune.data;

/** The height and width of an image, in pixels; printed height first, as in a model's input shape. */
public record Size(int height, int width) {

    public Size {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("an image is at least 1x1, not " + height + "x" + width);
        }
    }

    public static Size square(int side) {
        return new Size(side, side);
    }

    @Override
    public String toString() {
        return height + "x" + width;
    }
}
