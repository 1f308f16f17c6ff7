package dev.prune.onnx;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An ONNX AttributeProto of one of the kinds this project uses. The value is a Float, Long, String,
 * {@link OnnxTensor}, float[], long[] or List of String, according to {@link #type()}.
 */
public final class OnnxAttribute {

    /** AttributeProto.AttributeType values; subgraph kinds are not supported. */
    public enum Type {
        FLOAT(1), INT(2), STRING(3), TENSOR(4), FLOATS(6), INTS(7), STRINGS(8);

        private final int code;

        Type(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    private final String name;
    private final Type type;
    private final Object value;

    private OnnxAttribute(String name, Type type, Object value) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = type;
        this.value = Objects.requireNonNull(value, "value of " + name);
    }

    public static OnnxAttribute of(String name, float value) {
        return new OnnxAttribute(name, Type.FLOAT, value);
    }

    public static OnnxAttribute of(String name, long value) {
        return new OnnxAttribute(name, Type.INT, value);
    }

    public static OnnxAttribute of(String name, String value) {
        return new OnnxAttribute(name, Type.STRING, value);
    }

    public static OnnxAttribute of(String name, OnnxTensor value) {
        return new OnnxAttribute(name, Type.TENSOR, value);
    }

    public static OnnxAttribute floats(String name, float... values) {
        return new OnnxAttribute(name, Type.FLOATS, values.clone());
    }

    public static OnnxAttribute ints(String name, long... values) {
        return new OnnxAttribute(name, Type.INTS, values.clone());
    }

    public static OnnxAttribute strings(String name, List<String> values) {
        return new OnnxAttribute(name, Type.STRINGS, List.copyOf(values));
    }

    public String name() {
        return name;
    }

    public Type type() {
        return type;
    }

    public float floatValue() {
        return (Float) as(Type.FLOAT);
    }

    public long intValue() {
        return (Long) as(Type.INT);
    }

    public String stringValue() {
        return (String) as(Type.STRING);
    }

    public OnnxTensor tensorValue() {
        return (OnnxTensor) as(Type.TENSOR);
    }

    public float[] floatsValue() {
        return ((float[]) as(Type.FLOATS)).clone();
    }

    public long[] intsValue() {
        return ((long[]) as(Type.INTS)).clone();
    }

    @SuppressWarnings("unchecked")
    public List<String> stringsValue() {
        return (List<String>) as(Type.STRINGS);
    }

    private Object as(Type expected) {
        if (type != expected) {
            throw new IllegalStateException("attribute " + name + " is " + type + ", not " + expected);
        }
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OnnxAttribute a && name.equals(a.name) && type == a.type
                && Objects.deepEquals(value, a.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type);
    }

    @Override
    public String toString() {
        String shown = value instanceof float[] f ? Arrays.toString(f)
                : value instanceof long[] l ? Arrays.toString(l) : String.valueOf(value);
        return name + "=" + shown;
    }
}
