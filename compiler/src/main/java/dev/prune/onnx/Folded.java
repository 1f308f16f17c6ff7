package dev.prune.onnx;

import java.util.Arrays;

/**
 * A value the importer knows at import time: an initializer, a Constant node's output, or what a shape
 * computation makes of them. Either floats or integers; an integer may be {@link #BATCH}, the batch size,
 * which is only known at run time (what {@code Shape} reports for the dynamic first dimension).
 */
record Folded(int[] shape, float[] floats, long[] ints) {

    /** The run-time batch size, as an element of an integer value. */
    static final long BATCH = Long.MIN_VALUE;
    /** Multiples N·k of the batch size are encoded as BATCH + (k − 1), for k below this bound. */
    private static final long MAX_FACTOR = 1L << 40;

    /** N·k, the batch size times a known positive factor (multi-head attention's N·heads). */
    static long batchTimes(long k) {
        if (k < 1 || k >= MAX_FACTOR) {
            throw new ConstantFolder.Unfoldable("the batch size times " + k + " cannot be carried symbolically");
        }
        return BATCH + (k - 1);
    }

    /** True for an element that is a multiple of the batch size, N·k. */
    static boolean isBatch(long v) {
        return v >= BATCH && v < BATCH + MAX_FACTOR - 1;
    }

    /** k of an element N·k. */
    static long factor(long v) {
        return v - BATCH + 1;
    }

    static String show(long v) {
        return !isBatch(v) ? Long.toString(v) : factor(v) == 1 ? "N" : "N·" + factor(v);
    }

    Folded {
        shape = shape.clone();
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        if ((floats == null) == (ints == null) || (floats != null ? floats.length : ints.length) != n) {
            throw new IllegalArgumentException("a folded value holds floats or ints filling " + Arrays.toString(shape));
        }
    }

    static Folded ofFloats(float[] values, int... shape) {
        return new Folded(shape, values.clone(), null);
    }

    static Folded ofInts(long[] values, int... shape) {
        return new Folded(shape, null, values.clone());
    }

    static Folded of(OnnxTensor t) {
        int[] shape = Arrays.stream(t.dims()).mapToInt(Math::toIntExact).toArray();
        return switch (t.dataType()) {
            case FLOAT, FLOAT16 -> ofFloats(t.toFloats(), shape);
            case INT32, INT64, BOOL -> ofInts(t.toLongs(), shape);
            case DOUBLE -> {
                double[] d = new double[(int) t.elementCount()];
                java.nio.ByteBuffer.wrap(t.rawData()).order(java.nio.ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(d);
                float[] f = new float[d.length];
                for (int i = 0; i < d.length; i++) {
                    f[i] = (float) d[i];
                }
                yield ofFloats(f, shape);
            }
        };
    }

    boolean isFloat() {
        return floats != null;
    }

    int size() {
        return isFloat() ? floats.length : ints.length;
    }

    int rank() {
        return shape.length;
    }

    /** Element i as a double; the batch marker is not a number. */
    double number(int i) {
        if (isFloat()) {
            return floats[i];
        }
        if (isBatch(ints[i])) {
            throw new IllegalStateException("the batch size is not known at import time");
        }
        return ints[i];
    }

    boolean mentionsBatch() {
        return !isFloat() && Arrays.stream(ints).anyMatch(Folded::isBatch);
    }

    /** The value as a float tensor of the IR. */
    dev.prune.ir.Tensor toTensor() {
        float[] f = new float[size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) number(i);
        }
        return dev.prune.ir.Tensor.of(f, shape);
    }

    /** True for a single element equal to {@code expected} within a relative 1e-6. */
    boolean isScalar(double expected) {
        return size() == 1 && !mentionsBatch() && Math.abs(number(0) - expected) <= 1e-6 * Math.max(1, Math.abs(expected));
    }

    @Override
    public String toString() {
        String data = isFloat() ? Arrays.toString(floats)
                : Arrays.toString(Arrays.stream(ints).mapToObj(Folded::show).toArray());
        return Arrays.toString(shape) + (size() <= 8 ? " " + data : "");
    }
}
