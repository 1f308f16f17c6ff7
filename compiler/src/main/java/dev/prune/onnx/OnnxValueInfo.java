package dev.prune.onnx;

import java.util.List;
import java.util.Objects;

/**
 * An ONNX ValueInfoProto for a tensor: name, element type and shape, where each dimension is a number or a
 * symbolic name such as {@code N} for the batch.
 */
public record OnnxValueInfo(String name, OnnxTensor.DataType elementType, List<Dim> shape) {

    /** One dimension: {@code param} is null for a fixed size, else the symbolic name (value is then -1). */
    public record Dim(long value, String param) {

        public static Dim of(long value) {
            return new Dim(value, null);
        }

        public static Dim symbolic(String param) {
            return new Dim(-1, Objects.requireNonNull(param));
        }

        public boolean isSymbolic() {
            return param != null;
        }

        @Override
        public String toString() {
            return isSymbolic() ? param : Long.toString(value);
        }
    }

    public OnnxValueInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(elementType, "elementType");
        shape = List.copyOf(shape);
    }
}
