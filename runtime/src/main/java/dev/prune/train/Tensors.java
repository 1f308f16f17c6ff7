package dev.prune.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.prune.ir.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** IR tensors into DJL arrays, through a direct buffer owned by the call (never {@code create(float[])}: STACK.md). */
final class Tensors {

    private Tensors() {
    }

    static NDArray create(NDManager manager, Tensor tensor) {
        int[] dims = tensor.shape();
        long[] shape = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            shape[i] = dims[i];
        }
        ByteBuffer buffer = ByteBuffer.allocateDirect((int) Math.max(1, tensor.size()) * Float.BYTES).order(ByteOrder.nativeOrder());
        buffer.asFloatBuffer().put(tensor.buffer());
        return manager.create(buffer, new Shape(shape), DataType.FLOAT32);
    }
}
