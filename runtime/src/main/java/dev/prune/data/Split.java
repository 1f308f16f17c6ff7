package dev.prune.data;

import java.util.Arrays;

/**
 * Some of a source's examples, in a fixed order: the training, validation or test split. Holding indices
 * rather than copies lets the splits share one decoded array (IDX) or one file list (folders).
 */
public final class Split {

    private final String name;
    private final ImageSource source;
    private final int[] indices;

    Split(String name, ImageSource source, int[] indices) {
        this.name = name;
        this.source = source;
        this.indices = indices.clone();
    }

    /** The examples {@code from..to-1} of a source, in order. */
    static Split range(String name, ImageSource source, int from, int to) {
        int[] indices = new int[to - from];
        Arrays.setAll(indices, i -> from + i);
        return new Split(name, source, indices);
    }

    public String name() {
        return name;
    }

    public int size() {
        return indices.length;
    }

    public int label(int position) {
        return source.label(indices[position]);
    }

    /** Which example of the source sits at this position: it keys the example's augmentation. */
    int sourceIndex(int position) {
        return indices[position];
    }

    Image read(int position) throws DataException {
        return source.read(indices[position]);
    }

    /** The first {@code count} examples (all of them when there are fewer). */
    Split first(int count) {
        return new Split(name, source, Arrays.copyOf(indices, Math.min(count, indices.length)));
    }

    /** The examples at the given positions of this split, in that order. */
    Split pick(String name, int[] positions) {
        int[] picked = new int[positions.length];
        for (int i = 0; i < positions.length; i++) {
            picked[i] = indices[positions[i]];
        }
        return new Split(name, source, picked);
    }
}
