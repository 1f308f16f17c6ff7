package dev.prune.ir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A node's attributes: a small immutable map whose values are ints, floats, strings, or lists of ints or
 * floats (the ONNX attribute kinds the IR needs). Typed getters fail with the attribute's name when the kind
 * is wrong, so a malformed node is reported where it is read.
 */
public final class Attributes {

    private static final Attributes EMPTY = new Attributes(Map.of());

    private final Map<String, Object> values;

    private Attributes(Map<String, Object> values) {
        this.values = values;
    }

    public static Attributes empty() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.values.putAll(values);
        return b;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public Set<String> names() {
        return values.keySet();
    }

    /** The raw value: Integer, Float, String, or an unmodifiable List of Integer or Float. */
    public Object get(String name) {
        return values.get(name);
    }

    public int getInt(String name, int fallback) {
        Object v = values.get(name);
        return v == null ? fallback : as(name, v, Integer.class);
    }

    public float getFloat(String name, float fallback) {
        Object v = values.get(name);
        return v == null ? fallback : as(name, v, Float.class);
    }

    public String getString(String name, String fallback) {
        Object v = values.get(name);
        return v == null ? fallback : as(name, v, String.class);
    }

    /** The int list {@code name}, or {@code fallback} (may be null) when absent. */
    public int[] getInts(String name, int[] fallback) {
        Object v = values.get(name);
        if (v == null) {
            return fallback == null ? null : fallback.clone();
        }
        List<?> list = as(name, v, List.class);
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = as(name, list.get(i), Integer.class);
        }
        return out;
    }

    private static <T> T as(String name, Object v, Class<T> kind) {
        if (!kind.isInstance(v)) {
            throw new IrException("attribute " + name + " is " + v + ", expected " + kind.getSimpleName());
        }
        return kind.cast(v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attributes a && values.equals(a.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }

    /** Collects attributes; insertion order is kept so that printing is stable. */
    public static final class Builder {
        private final Map<String, Object> values = new LinkedHashMap<>();

        public Builder put(String name, int value) {
            values.put(name, value);
            return this;
        }

        public Builder put(String name, float value) {
            values.put(name, value);
            return this;
        }

        public Builder put(String name, String value) {
            values.put(name, value);
            return this;
        }

        public Builder putInts(String name, int... list) {
            List<Integer> copy = new ArrayList<>(list.length);
            for (int v : list) {
                copy.add(v);
            }
            values.put(name, Collections.unmodifiableList(copy));
            return this;
        }

        public Builder remove(String name) {
            values.remove(name);
            return this;
        }

        public Attributes build() {
            return values.isEmpty() ? EMPTY : new Attributes(Collections.unmodifiableMap(new LinkedHashMap<>(values)));
        }
    }
}
