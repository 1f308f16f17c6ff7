package dev.prune.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.prune.ir.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Arrays made from IR tensors keep their values after the garbage collector has run and the memory of
 * collected direct buffers has been handed out again: PyTorch aliases a direct buffer it is given, so an
 * array that kept pointing at a collected buffer would read whatever came to live there.
 */
class OwnedArraysTest {

    @Test
    void valuesSurviveCollectionAndReuseOfMemory() {
        try (NDManager manager = NDManager.newBaseManager()) {
            List<NDArray> arrays = new ArrayList<>();
            List<float[]> expected = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                float[] values = new float[4096];
                for (int j = 0; j < values.length; j++) {
                    values[j] = i * 10_000 + j;
                }
                expected.add(values);
                arrays.add(GraphModule.create(manager, Tensor.of(values, 64, 64)));
            }
            List<ByteBuffer> churn = new ArrayList<>();
            for (int round = 0; round < 5; round++) {
                System.gc();
                for (int i = 0; i < 64; i++) {
                    ByteBuffer buffer = ByteBuffer.allocateDirect(4096 * Float.BYTES).order(ByteOrder.nativeOrder());
                    while (buffer.hasRemaining()) {
                        buffer.putFloat(-7f);
                    }
                    churn.add(buffer);
                }
            }
            for (int i = 0; i < arrays.size(); i++) {
                assertArrayEquals(expected.get(i), arrays.get(i).toFloatArray(), "array " + i);
            }
        }
    }
}
