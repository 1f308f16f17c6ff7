package dev.prune.data;

/**
 * An IDX image file and its label file, held as bytes (a quarter of the memory of floats: 47 MB for the
 * 60,000 Fashion-MNIST training images) and scaled to [0, 1] when an image is read.
 */
final class IdxImages implements ImageSource {

    private final byte[] pixels;
    private final byte[] labels;
    private final int rows;
    private final int columns;
    private final int channels;

    private IdxImages(byte[] pixels, byte[] labels, int rows, int columns, int channels) {
        this.pixels = pixels;
        this.labels = labels;
        this.rows = rows;
        this.columns = columns;
        this.channels = channels;
    }

    /** Pairs the two files, checking that they agree and that every label is a class of the model. */
    static IdxImages of(IdxReader.IdxArray images, IdxReader.IdxArray labels, ModelInput model) throws DataException {
        if (images.count() != labels.count()) {
            throw new DataException(labels.file(), "has " + labels.count() + " labels, but " + images.file().getFileName() + " has "
                    + images.count() + " images");
        }
        byte[] values = labels.data();
        for (int i = 0; i < values.length; i++) {
            int label = values[i] & 0xff;
            if (label >= model.classes()) {
                throw new DataException(labels.file(), "label " + label + " of example " + i + " is out of range: the model has "
                        + model.classes() + " classes (0-" + (model.classes() - 1) + ")");
            }
        }
        return new IdxImages(images.data(), values, images.dims()[1], images.dims()[2], model.channels());
    }

    Size imageSize() {
        return new Size(rows, columns);
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public int label(int index) {
        return labels[index] & 0xff;
    }

    @Override
    public Image read(int index) {
        int plane = rows * columns;
        float[] out = new float[channels * plane];
        int offset = index * plane;
        for (int i = 0; i < plane; i++) {
            out[i] = (pixels[offset + i] & 0xff) / 255f;
        }
        for (int c = 1; c < channels; c++) {
            System.arraycopy(out, 0, out, c * plane, plane); // grey to RGB: the same plane thrice
        }
        return new Image(channels, rows, columns, out);
    }
}
