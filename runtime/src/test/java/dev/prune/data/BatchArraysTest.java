package dev.prune.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class BatchArraysTest {

    private static Batch batch(float base, int label) {
        float[] images = new float[2 * 1 * 2 * 3];
        for (int i = 0; i < images.length; i++) {
            images[i] = base + i;
        }
        return new Batch(images, new int[] {label, label + 1}, new int[] {2, 1, 2, 3});
    }

    @Test
    void makesFloatImagesAndLongLabelsInTheGivenManager() {
        BatchArrays arrays = new BatchArrays();
        try (NDManager manager = NDManager.newBaseManager()) {
            try (NDManager step = manager.newSubManager()) {
                NDList xy = arrays.toArrays(batch(0, 3), step);
                assertEquals(new Shape(2, 1, 2, 3), xy.get(0).getShape());
                assertEquals(DataType.FLOAT32, xy.get(0).getDataType());
                assertArrayEquals(batch(0, 3).images(), xy.get(0).toFloatArray());
                assertEquals(DataType.INT64, xy.get(1).getDataType());
                assertArrayEquals(new long[] {3, 4}, xy.get(1).toLongArray());
                assertEquals(step, xy.get(0).getManager());
            }
        }
    }

    @Test
    void refillingTheSharedBufferLeavesEarlierArraysAlone() {
        BatchArrays arrays = new BatchArrays();
        try (NDManager manager = NDManager.newBaseManager(); NDManager step = manager.newSubManager()) {
            NDArray first = arrays.images(batch(0, 0), step);
            NDArray second = arrays.images(batch(100, 0), step);
            assertArrayEquals(batch(0, 0).images(), first.toFloatArray());
            assertArrayEquals(batch(100, 0).images(), second.toFloatArray());
        }
    }
}
