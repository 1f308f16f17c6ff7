package dev.prune.ir;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.function.IntToDoubleFunction;

/**
 * A float32 tensor in row-major order: a static shape and, unless it is a placeholder, its data.
 *
 * <p>Immutable from the outside: factories copy what they are given and accessors copy or wrap read-only.
 * A placeholder ({@link #placeholder}) has a shape and no data; the zoo builds such graphs in lazy mode, where
 * only shapes and costs are needed and a 28-million-parameter model must not allocate 114 MB.
 */
public final class Tensor {

    private static final String TOO_LARGE = "tensor too large: ";

    private final int[] shape;
    private final float[] data; // null for a placeholder

    /** Whether {@code e} says a tensor would hold more elements than one Java array (2^31 - 1). */
    public static boolean isTooLarge(IllegalArgumentException e) {
        return e.getMessage() != null && e.getMessage().startsWith(TOO_LARGE);
    }

    private Tensor(int[] shape, float[] data) {
        long size = sizeOf(shape);
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(TOO_LARGE + Arrays.toString(shape));
        }
        if (data != null && data.length != size) {
            throw new IllegalArgumentException(
                    data.length + " values do not fill shape " + Arrays.toString(shape));
        }
        this.shape = shape;
        this.data = data;
    }

    public static Tensor of(float[] data, int... shape) {
        return new Tensor(shape.clone(), data.clone());
    }

    public static Tensor scalar(float value) {
        return new Tensor(new int[0], new float[] {value});
    }

    public static Tensor zeros(int... shape) {
        return new Tensor(shape.clone(), new float[(int) sizeOf(shape)]);
    }

    public static Tensor full(float value, int... shape) {
        float[] data = new float[(int) sizeOf(shape)];
        Arrays.fill(data, value);
        return new Tensor(shape.clone(), data);
    }

    /** A tensor whose element i is {@code f(i)}, i in row-major order. */
    public static Tensor generate(IntToDoubleFunction f, int... shape) {
        float[] data = new float[(int) sizeOf(shape)];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) f.applyAsDouble(i);
        }
        return new Tensor(shape.clone(), data);
    }

    /** A shape without data, for graphs built only to be inspected. */
    public static Tensor placeholder(int... shape) {
        return new Tensor(shape.clone(), null);
    }

    public int[] shape() {
        return shape.clone();
    }

    public Shape staticShape() {
        return Shape.of(shape);
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int axis) {
        return shape[axis < 0 ? axis + shape.length : axis];
    }

    public long size() {
        return sizeOf(shape);
    }

    public boolean hasData() {
        return data != null;
    }

    /** Element at a flat row-major index. */
    public float get(int flatIndex) {
        return requireData()[flatIndex];
    }

    /** A copy of the data. */
    public float[] toArray() {
        return requireData().clone();
    }

    /** The data without copying, read-only: for runtimes that feed it to native code. */
    public FloatBuffer buffer() {
        return FloatBuffer.wrap(requireData()).asReadOnlyBuffer();
    }

    public boolean sameShape(Tensor other) {
        return Arrays.equals(shape, other.shape);
    }

    private float[] requireData() {
        if (data == null) {
            throw new IllegalStateException("placeholder tensor " + Arrays.toString(shape) + " has no data");
        }
        return data;
    }

    static long sizeOf(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            n *= d;
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape) + (data == null ? " (placeholder)" : "");
    }
}
