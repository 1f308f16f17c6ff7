package dev.prune.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** Image files (JPEG, PNG) with their labels, decoded with {@code javax.imageio} each time one is read. */
final class FolderImages implements ImageSource {

    private final List<Path> files;
    private final int[] labels;
    private final int channels;

    FolderImages(List<Path> files, int[] labels, int channels) {
        if (files.size() != labels.length) {
            throw new IllegalArgumentException(files.size() + " files, " + labels.length + " labels");
        }
        this.files = List.copyOf(files);
        this.labels = labels.clone();
        this.channels = channels;
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public int label(int index) {
        return labels[index];
    }

    @Override
    public Image read(int index) throws DataException {
        Path file = files.get(index);
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            // ImageIO reports a damaged file with IOException or, depending on the plugin, an unchecked exception.
            throw new DataException(file, "cannot decode the image: " + e.getMessage(), e);
        }
        if (image == null) {
            throw new DataException(file, "not a JPEG or PNG image that javax.imageio can read");
        }
        return toImage(image, channels);
    }

    /** Pixels as floats in [0, 1]: grey images keep their values, colour ones become grey by luma when the model wants one channel. */
    static Image toImage(BufferedImage image, int channels) {
        int w = image.getWidth();
        int h = image.getHeight();
        int plane = w * h;
        float[] out = new float[channels * plane];
        if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            // getRGB would pass grey through a colour-space conversion and change the values; the raster has them as stored.
            int[] grey = image.getRaster().getSamples(0, 0, w, h, 0, (int[]) null);
            for (int c = 0; c < channels; c++) {
                for (int i = 0; i < plane; i++) {
                    out[c * plane + i] = grey[i] / 255f;
                }
            }
            return new Image(channels, h, w, out);
        }
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < plane; i++) {
            float r = ((argb[i] >> 16) & 0xff) / 255f;
            float g = ((argb[i] >> 8) & 0xff) / 255f;
            float b = (argb[i] & 0xff) / 255f;
            if (channels == 1) {
                out[i] = 0.299f * r + 0.587f * g + 0.114f * b; // ITU-R BT.601 luma, as PIL's convert("L")
            } else {
                out[i] = r;
                out[plane + i] = g;
                out[2 * plane + i] = b;
            }
        }
        return new Image(channels, h, w, out);
    }
}
