package dev.prune.data;

import java.nio.file.Path;
import java.util.List;

/** Image files (JPEG, PNG) with their labels, decoded (see {@link ImageDecoder}) each time one is read. */
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
        return ImageDecoder.decode(files.get(index), channels);
    }

    /** The file behind an example, for messages and for {@code prune data}'s listing. */
    Path file(int index) {
        return files.get(index);
    }
}
