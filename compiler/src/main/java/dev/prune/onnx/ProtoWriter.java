package dev.prune.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Protocol Buffers wire format, writing side: just the encodings ONNX needs (varints, length-delimited
 * bytes, strings and nested messages, packed int64s). Fields are written in the order they are called,
 * which protobuf allows; default values are written only when the caller asks.
 */
final class ProtoWriter {

    static final int VARINT = 0;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    byte[] toByteArray() {
        return out.toByteArray();
    }

    ProtoWriter varint(int field, long value) {
        tag(field, VARINT);
        rawVarint(value);
        return this;
    }

    /** A {@code float} field: wire type fixed32, four little-endian bytes. */
    ProtoWriter fixed32(int field, float value) {
        tag(field, FIXED32);
        int bits = Float.floatToRawIntBits(value);
        for (int shift = 0; shift < 32; shift += 8) {
            out.write(bits >>> shift);
        }
        return this;
    }

    ProtoWriter bytes(int field, byte[] value) {
        tag(field, LENGTH_DELIMITED);
        rawVarint(value.length);
        out.writeBytes(value);
        return this;
    }

    ProtoWriter string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    /** A nested message, written by {@code body} into its own buffer because its length comes first. */
    ProtoWriter message(int field, Consumer<ProtoWriter> body) {
        ProtoWriter nested = new ProtoWriter();
        body.accept(nested);
        return bytes(field, nested.toByteArray());
    }

    /**
     * A repeated int64 as one packed field; nothing when empty. Packed is smaller, and protobuf parsers must
     * accept it for any repeated scalar, even where onnx.proto (proto2) does not declare it packed.
     */
    ProtoWriter packedVarints(int field, long[] values) {
        if (values.length == 0) {
            return this;
        }
        ProtoWriter packed = new ProtoWriter();
        for (long v : values) {
            packed.rawVarint(v);
        }
        return bytes(field, packed.toByteArray());
    }

    /** A repeated float as one packed field: 4 little-endian bytes each. */
    ProtoWriter packedFloats(int field, float[] values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        return bytes(field, raw.array());
    }

    private void tag(int field, int wireType) {
        rawVarint(((long) field << 3) | wireType);
    }

    /** Base-128, least significant group first; negative int64s take ten bytes, as protobuf requires. */
    private void rawVarint(long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }
}
