package dev.prune.ir.eval;

import dev.prune.ir.Tensor;
import java.util.Arrays;

/**
 * A concrete float32 array in row-major order, mutable inside the evaluator only. Unlike a graph {@link Tensor}
 * its batch dimension is known, so every shape computation here is concrete.
 */
final class Arr {

    final int[] shape;
    final float[] data;

    Arr(int[] shape, float[] data) {
        if (data.length != size(shape)) {
            throw new IllegalArgumentException(data.length + " values do not fill " + Arrays.toString(shape));
        }
        this.shape = shape;
        this.data = data;
    }

    static Arr zeros(int... shape) {
        return new Arr(shape, new float[size(shape)]);
    }

    static Arr of(Tensor t) {
        return new Arr(t.shape(), t.toArray());
    }

    Tensor toTensor() {
        return Tensor.of(data, shape);
    }

    int rank() {
        return shape.length;
    }

    int dim(int axis) {
        return shape[axis(axis)];
    }

    int axis(int axis) {
        int a = axis < 0 ? axis + shape.length : axis;
        if (a < 0 || a >= shape.length) {
            throw new IllegalArgumentException("axis " + axis + " out of range for " + Arrays.toString(shape));
        }
        return a;
    }

    /** Row-major strides. */
    static int[] strides(int[] shape) {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }

    static int size(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return Math.toIntExact(n);
    }

    /** Product of dims in [from, to). */
    static int product(int[] shape, int from, int to) {
        int n = 1;
        for (int i = from; i < to; i++) {
            n *= shape[i];
        }
        return n;
    }

    Arr reshaped(int... newShape) {
        return new Arr(newShape, data);
    }
}
