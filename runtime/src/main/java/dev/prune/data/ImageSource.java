package dev.prune.data;

/**
 * Labelled images addressed by index. Labels and sizes are known up front (they were checked when the
 * source was opened); pixels are decoded on demand, on the loader's worker threads, so implementations
 * must allow concurrent {@link #read} calls.
 */
interface ImageSource {

    int size();

    int label(int index);

    /**
     * The image as floats in [0, 1], with the model's channel count.
     *
     * @throws DataException if the file behind it cannot be decoded
     */
    Image read(int index) throws DataException;
}
