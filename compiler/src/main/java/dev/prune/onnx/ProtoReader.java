package dev.prune.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Protocol Buffers wire format, reading side: a cursor over one message's bytes. The caller loops on
 * {@link #next()}, switches on {@link #field()}, reads the value with the accessor for its type, and calls
 * {@link #skip()} for fields it does not know, so newer ONNX files still read.
 */
final class ProtoReader {

    private static final int FIXED64 = 1;

    private final byte[] data;
    private final int end;
    private int pos;
    private int field;
    private int wireType;

    ProtoReader(byte[] data) {
        this(data, 0, data.length);
    }

    private ProtoReader(byte[] data, int start, int end) {
        this.data = data;
        this.pos = start;
        this.end = end;
    }

    /** Advances to the next field; false at the end of the message. */
    boolean next() {
        if (pos >= end) {
            return false;
        }
        long key = rawVarint();
        field = (int) (key >>> 3);
        wireType = (int) (key & 7);
        return true;
    }

    int field() {
        return field;
    }

    long varint() {
        expect(ProtoWriter.VARINT);
        return rawVarint();
    }

    byte[] bytes() {
        int[] span = lengthDelimited();
        return Arrays.copyOfRange(data, span[0], span[1]);
    }

    String string() {
        int[] span = lengthDelimited();
        return new String(data, span[0], span[1] - span[0], StandardCharsets.UTF_8);
    }

    /** A nested message, read in place without copying. */
    ProtoReader message() {
        int[] span = lengthDelimited();
        return new ProtoReader(data, span[0], span[1]);
    }

    /** A repeated int64 element or a packed run of them: writers may use either encoding. */
    long[] varints() {
        if (wireType == ProtoWriter.VARINT) {
            return new long[] {rawVarint()};
        }
        ProtoReader packed = message();
        long[] values = new long[8];
        int n = 0;
        while (packed.pos < packed.end) {
            if (n == values.length) {
                values = Arrays.copyOf(values, 2 * n);
            }
            values[n++] = packed.rawVarint();
        }
        return Arrays.copyOf(values, n);
    }

    /** A repeated float element or a packed run of them. */
    float[] floats() {
        if (wireType == ProtoWriter.FIXED32) {
            float v = ByteBuffer.wrap(data, pos, 4).order(ByteOrder.LITTLE_ENDIAN).getFloat();
            pos += 4;
            return new float[] {v};
        }
        int[] span = lengthDelimited();
        float[] values = new float[(span[1] - span[0]) / 4];
        ByteBuffer.wrap(data, span[0], span[1] - span[0]).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }

    /** A single float field (fixed32). */
    float float32() {
        expect(ProtoWriter.FIXED32);
        float v = ByteBuffer.wrap(data, pos, 4).order(ByteOrder.LITTLE_ENDIAN).getFloat();
        pos += 4;
        return v;
    }

    void skip() {
        switch (wireType) {
            case ProtoWriter.VARINT -> rawVarint();
            case FIXED64 -> pos += 8;
            case ProtoWriter.LENGTH_DELIMITED -> lengthDelimited();
            case ProtoWriter.FIXED32 -> pos += 4;
            default -> throw new OnnxFormatException("unsupported protobuf wire type " + wireType
                    + " (field " + field + ") at byte " + pos);
        }
        if (pos > end) {
            throw new OnnxFormatException("truncated protobuf message at byte " + end);
        }
    }

    private int[] lengthDelimited() {
        expect(ProtoWriter.LENGTH_DELIMITED);
        long length = rawVarint();
        if (length < 0 || pos + length > end) {
            throw new OnnxFormatException("field " + field + " claims " + length + " bytes, "
                    + (end - pos) + " remain");
        }
        int start = pos;
        pos += (int) length;
        return new int[] {start, pos};
    }

    private void expect(int type) {
        if (wireType != type) {
            throw new OnnxFormatException("field " + field + " has wire type " + wireType + ", expected " + type);
        }
    }

    private long rawVarint() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= end) {
                throw new OnnxFormatException("truncated varint at byte " + pos);
            }
            byte b = data[pos++];
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new OnnxFormatException("malformed varint before byte " + pos);
    }
}
