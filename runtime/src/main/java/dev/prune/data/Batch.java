package dev.prune.data;

import java.util.Arrays;

/**
 * A batch in plain Java arrays, made on a worker thread: images NCHW as floats, labels as class indices.
 * No native memory is held here; {@link BatchArrays} makes the NDArrays on the training thread.
 *
 * @param images {@code shape[0] * shape[1] * shape[2] * shape[3]} floats, example-major
 * @param labels one class index per example
 * @param shape  {@code [examples, channels, height, width]}
 */
public record Batch(float[] images, int[] labels, int[] shape) {

    public Batch {
        if (shape.length != 4 || shape[0] != labels.length || images.length != shape[0] * shape[1] * shape[2] * shape[3]) {
            throw new IllegalArgumentException("a batch of " + labels.length + " labels and " + images.length + " floats has no shape "
                    + Arrays.toString(shape));
        }
    }

    public int size() {
        return labels.length;
    }

    // Records compare arrays by identity; batches are compared by content (the determinism tests rely on it).
    @Override
    public boolean equals(Object other) {
        return other instanceof Batch that && Arrays.equals(images, that.images) && Arrays.equals(labels, that.labels)
                && Arrays.equals(shape, that.shape);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(images) + Arrays.hashCode(labels)) + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return "Batch" + Arrays.toString(shape);
    }
}
