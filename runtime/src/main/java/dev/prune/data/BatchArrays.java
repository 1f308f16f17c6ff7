package dev.prune.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns batches into NDArrays without leaking native memory. {@code NDManager.create(float[])} allocates a
 * fresh direct buffer that only the garbage collector frees (about 230 MB of native memory per
 * Fashion-MNIST epoch); here one direct buffer per batch shape is kept and refilled, and the arrays live in
 * the manager the caller gives, which should be a per-step sub-manager closed after the step.
 *
 * <p>The PyTorch engine does not copy a direct buffer: the array it returns reads the buffer's memory
 * (measured: refilling the buffer changed an earlier array). So each array is copied once into memory
 * libtorch owns, and the buffer can be refilled at once; the copy is freed when the manager closes. The
 * extra memcpy (400 KB for a 128 x 28 x 28 batch) is the price of arrays that stay valid as long as their
 * manager, whatever the caller converts next.
 *
 * <p>One instance per training loop, used from that loop's thread only: the buffers are shared between calls.
 */
public final class BatchArrays {

    private final Map<Shape, ByteBuffer> imageBuffers = new HashMap<>();
    private final Map<Integer, ByteBuffer> labelBuffers = new HashMap<>();

    /** The images as float32 {@code [N, C, H, W]} and the labels as int64 {@code [N]}, in {@code manager}. */
    public NDList toArrays(Batch batch, NDManager manager) {
        return new NDList(images(batch, manager), labels(batch, manager));
    }

    public NDArray images(Batch batch, NDManager manager) {
        int[] s = batch.shape();
        Shape shape = new Shape(s[0], s[1], s[2], s[3]);
        ByteBuffer buffer = imageBuffers.computeIfAbsent(shape, k -> direct(batch.images().length * Float.BYTES));
        buffer.clear();
        buffer.asFloatBuffer().put(batch.images());
        return ownedCopy(manager, buffer, shape, DataType.FLOAT32);
    }

    /** int64, the index type PyTorch's losses and DJL's accuracy expect. */
    public NDArray labels(Batch batch, NDManager manager) {
        ByteBuffer buffer = labelBuffers.computeIfAbsent(batch.size(), n -> direct(n * Long.BYTES));
        buffer.clear();
        for (int label : batch.labels()) {
            buffer.putLong(label);
        }
        buffer.flip();
        return ownedCopy(manager, buffer, new Shape(batch.size()), DataType.INT64);
    }

    private static NDArray ownedCopy(NDManager manager, ByteBuffer buffer, Shape shape, DataType type) {
        try (NDArray view = manager.create(buffer, shape, type)) {
            return view.duplicate();
        }
    }

    private static ByteBuffer direct(int bytes) {
        return ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
    }
}
