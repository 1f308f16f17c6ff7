package dev.prune.data;

/**
 * One decoded image as floats, channel-major ({@code [channel][row][column]}), the layout a batch of NCHW
 * needs, so a batch is filled with one copy per image.
 */
public record Image(int channels, int height, int width, float[] pixels) {

    public Image {
        if (pixels.length != channels * height * width) {
            throw new IllegalArgumentException(pixels.length + " pixels for a " + channels + "x" + height + "x" + width + " image");
        }
    }

    public static Image blank(int channels, int height, int width) {
        return new Image(channels, height, width, new float[channels * height * width]);
    }

    public Size size() {
        return new Size(height, width);
    }

    public float get(int channel, int row, int column) {
        return pixels[(channel * height + row) * width + column];
    }

    public void set(int channel, int row, int column, float value) {
        pixels[(channel * height + row) * width + column] = value;
    }
}
