package dev.prune.onnx;

import java.util.Arrays;

/** A dense float tensor for the reference evaluator: a shape and row-major data, with index helpers. */
final class Array {

    final int[] shape;
    final float[] data;

    Array(int[] shape, float[] data) {
        if (size(shape) != data.length) {
            throw new IllegalArgumentException(data.length + " values for shape " + Arrays.toString(shape));
        }
        this.shape = shape.clone();
        this.data = data;
    }

    static Array zeros(int... shape) {
        return new Array(shape, new float[size(shape)]);
    }

    int rank() {
        return shape.length;
    }

    int dim(int axis) {
        return shape[axis < 0 ? axis + shape.length : axis];
    }

    static int size(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    static int[] strides(int[] shape) {
        int[] s = new int[shape.length];
        int stride = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = stride;
            stride *= shape[i];
        }
        return s;
    }

    /** The multi-index of a flat row-major position. */
    static int[] unravel(int flat, int[] shape) {
        int[] index = new int[shape.length];
        for (int i = shape.length - 1; i >= 0; i--) {
            index[i] = flat % shape[i];
            flat /= shape[i];
        }
        return index;
    }

    /** Flat position in this array of an index into a broadcast shape of rank ≥ this rank (numpy rules). */
    int broadcastOffset(int[] index) {
        int[] strides = strides(shape);
        int lead = index.length - shape.length;
        int offset = 0;
        for (int i = 0; i < shape.length; i++) {
            offset += (shape[i] == 1 ? 0 : index[lead + i]) * strides[i];
        }
        return offset;
    }

    Array reshape(int... newShape) {
        return new Array(newShape, data);
    }

    /** The graph evaluated by prune's reference evaluator on one input: what ONNX Runtime is compared with. */
    static Array reference(dev.prune.ir.Graph graph, Array input) {
        dev.prune.ir.Tensor out = dev.prune.ir.eval.Evaluator.run(graph, dev.prune.ir.Tensor.of(input.data, input.shape));
        return new Array(out.shape(), out.toArray());
    }
}
