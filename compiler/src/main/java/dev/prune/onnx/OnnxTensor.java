package dev.prune.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * An ONNX TensorProto: a name, an element type, dimensions and the data as little-endian bytes (ONNX's
 * raw_data layout), whichever field the file used. Immutable; accessors copy.
 */
public final class OnnxTensor {

    /** TensorProto.DataType values this project reads or writes. */
    public enum DataType {
        FLOAT(1, 4), INT32(6, 4), INT64(7, 8), DOUBLE(11, 8),
        /** Masks (Swin's attention masks), read as integers 0 and 1. */
        BOOL(9, 1),
        /** Half-precision constants, widened to float on reading. */
        FLOAT16(10, 2);

        private final int code;
        private final int bytes;

        DataType(int code, int bytes) {
            this.code = code;
            this.bytes = bytes;
        }

        public int code() {
            return code;
        }

        public int bytesPerElement() {
            return bytes;
        }

        public static DataType fromCode(int code, String tensorName) {
            for (DataType t : values()) {
                if (t.code == code) {
                    return t;
                }
            }
            throw new OnnxFormatException("tensor " + tensorName + " has element type " + code
                    + ", supported: float, float16, double, int32, int64, bool");
        }
    }

    private final String name;
    private final DataType dataType;
    private final long[] dims;
    private final byte[] raw;

    public OnnxTensor(String name, DataType dataType, long[] dims, byte[] raw) {
        this.name = Objects.requireNonNull(name, "name");
        this.dataType = Objects.requireNonNull(dataType, "dataType");
        this.dims = dims.clone();
        this.raw = raw.clone();
        long expected = elementCount() * dataType.bytesPerElement();
        if (raw.length != expected) {
            throw new OnnxFormatException("tensor " + name + " " + Arrays.toString(dims) + " needs " + expected
                    + " bytes of " + dataType + ", has " + raw.length);
        }
    }

    public static OnnxTensor ofFloats(String name, long[] dims, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return new OnnxTensor(name, DataType.FLOAT, dims, b.array());
    }

    public static OnnxTensor ofLongs(String name, long[] dims, long[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return new OnnxTensor(name, DataType.INT64, dims, b.array());
    }

    /** A 1-D int64 tensor: how ONNX passes shapes, pads, axes and sizes. */
    public static OnnxTensor vector(String name, long... values) {
        return ofLongs(name, new long[] {values.length}, values);
    }

    public String name() {
        return name;
    }

    public DataType dataType() {
        return dataType;
    }

    public long[] dims() {
        return dims.clone();
    }

    public long elementCount() {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        return n;
    }

    /** The data as ONNX raw_data: little-endian, row-major. */
    public byte[] rawData() {
        return raw.clone();
    }

    public float[] toFloats() {
        if (dataType == DataType.FLOAT16) {
            float[] out = new float[raw.length / 2];
            ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < out.length; i++) {
                out[i] = halfToFloat(b.getShort(2 * i));
            }
            return out;
        }
        require(DataType.FLOAT);
        float[] out = new float[raw.length / 4];
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    /** The data as int64, widening int32. */
    public long[] toLongs() {
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        if (dataType == DataType.INT32) {
            int[] ints = new int[raw.length / 4];
            b.asIntBuffer().get(ints);
            return Arrays.stream(ints).asLongStream().toArray();
        }
        if (dataType == DataType.BOOL) {
            long[] out = new long[raw.length];
            for (int i = 0; i < raw.length; i++) {
                out[i] = raw[i] != 0 ? 1 : 0;
            }
            return out;
        }
        require(DataType.INT64);
        long[] out = new long[raw.length / 8];
        b.asLongBuffer().get(out);
        return out;
    }

    /** IEEE 754 binary16 → float (subnormals, infinities and NaN included). */
    static float halfToFloat(short h) {
        int sign = (h >>> 15) & 1;
        int exponent = (h >>> 10) & 0x1f;
        int mantissa = h & 0x3ff;
        float magnitude;
        if (exponent == 0) {
            magnitude = mantissa * 0x1p-24f;
        } else if (exponent == 31) {
            magnitude = mantissa == 0 ? Float.POSITIVE_INFINITY : Float.NaN;
        } else {
            magnitude = Float.intBitsToFloat(((exponent - 15 + 127) << 23) | (mantissa << 13));
        }
        return sign == 1 ? -magnitude : magnitude;
    }

    public OnnxTensor withName(String newName) {
        return new OnnxTensor(newName, dataType, dims, raw);
    }

    private void require(DataType type) {
        if (dataType != type) {
            throw new IllegalStateException("tensor " + name + " is " + dataType + ", not " + type);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OnnxTensor t && name.equals(t.name) && dataType == t.dataType
                && Arrays.equals(dims, t.dims) && Arrays.equals(raw, t.raw);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, dataType, Arrays.hashCode(dims), Arrays.hashCode(raw));
    }

    @Override
    public String toString() {
        return name + " " + dataType + Arrays.toString(dims);
    }
}
