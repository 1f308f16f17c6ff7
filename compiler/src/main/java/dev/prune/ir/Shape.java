package dev.prune.ir;

import java.util.Arrays;

/**
 * The shape of a value in a graph. A dimension may be {@link #DYNAMIC} (the batch dimension of graph inputs):
 * shape inference carries it through, and costs count it as 1, so every cost is per sample.
 */
public final class Shape {

    /** Marks a dimension only known at run time. */
    public static final int DYNAMIC = -1;

    private final int[] dims;

    private Shape(int[] dims) {
        for (int d : dims) {
            if (d < 0 && d != DYNAMIC) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(dims));
            }
        }
        this.dims = dims;
    }

    public static Shape of(int... dims) {
        return new Shape(dims.clone());
    }

    public int rank() {
        return dims.length;
    }

    /** Dimension {@code axis}; a negative axis counts from the end, as in ONNX. */
    public int dim(int axis) {
        return dims[normalizeAxis(axis)];
    }

    public int normalizeAxis(int axis) {
        int a = axis < 0 ? axis + dims.length : axis;
        if (a < 0 || a >= dims.length) {
            throw new IllegalArgumentException("axis " + axis + " out of range for " + this);
        }
        return a;
    }

    public int[] dims() {
        return dims.clone();
    }

    public boolean isDynamic(int axis) {
        return dim(axis) == DYNAMIC;
    }

    public boolean isStatic() {
        return Arrays.stream(dims).noneMatch(d -> d == DYNAMIC);
    }

    /** Number of elements with every dynamic dimension taken as 1: the size of one sample. */
    public long elementsPerSample() {
        long n = 1;
        for (int d : dims) {
            n *= d == DYNAMIC ? 1 : d;
        }
        return n;
    }

    /** This shape with dimension {@code axis} replaced. */
    public Shape with(int axis, int value) {
        int[] copy = dims.clone();
        copy[normalizeAxis(axis)] = value;
        return new Shape(copy);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** {@code [N,3,224,224]}: a dynamic dimension prints as N. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < dims.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(dims[i] == DYNAMIC ? "N" : Integer.toString(dims[i]));
        }
        return b.append(']').toString();
    }
}
