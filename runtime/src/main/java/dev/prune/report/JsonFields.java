package dev.prune.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Typed access to the keys of one parsed JSON object, failing with the key's name when the contract is broken.
 * Keys not asked for are ignored, so a newer writer may add fields without breaking an older reader.
 */
public record JsonFields(Map<String, Object> map) {

    public boolean has(String key) {
        return map.containsKey(key);
    }

    public String string(String key) {
        return required(key, String.class, "a string");
    }

    public boolean bool(String key) {
        return required(key, Boolean.class, "true or false");
    }

    public double number(String key) {
        return required(key, Number.class, "a number").doubleValue();
    }

    /** A whole number; {@code 3.0} is accepted because the writer may not keep the distinction. */
    public long integer(String key) {
        Number n = required(key, Number.class, "a whole number");
        if (n instanceof Long l) {
            return l;
        }
        double d = n.doubleValue();
        if (d != Math.rint(d) || Math.abs(d) > 0x1p53) {
            throw wrongType(key, "a whole number", n);
        }
        return (long) d;
    }

    /** Null when the key is absent or null: how the contract writes "this stage has no such value". */
    public Double optionalNumber(String key) {
        Object value = map.get(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Number n)) {
            throw wrongType(key, "a number or null", value);
        }
        return n.doubleValue();
    }

    public List<String> strings(String key) {
        List<?> list = required(key, List.class, "a list of strings");
        List<String> out = new ArrayList<>(list.size());
        for (Object item : list) {
            if (!(item instanceof String s)) {
                throw wrongType(key, "a list of strings", list);
            }
            out.add(s);
        }
        return out;
    }

    /** A list of numbers; an absent key reads as an empty list (a field that older writers did not keep). */
    public List<Double> numbersOrEmpty(String key) {
        if (!map.containsKey(key)) {
            return List.of();
        }
        List<?> list = required(key, List.class, "a list of numbers");
        List<Double> out = new ArrayList<>(list.size());
        for (Object item : list) {
            if (!(item instanceof Number n)) {
                throw wrongType(key, "a list of numbers", list);
            }
            out.add(n.doubleValue());
        }
        return out;
    }

    /** True or false, or empty when the key is absent or null. */
    public java.util.Optional<Boolean> optionalBool(String key) {
        return map.get(key) == null ? java.util.Optional.empty() : java.util.Optional.of(bool(key));
    }

    /** A nested object, or empty when the key is absent or null. */
    @SuppressWarnings("unchecked")
    public java.util.Optional<JsonFields> optionalObject(String key) {
        return map.get(key) == null ? java.util.Optional.empty()
                : java.util.Optional.of(new JsonFields((Map<String, Object>) required(key, Map.class, "an object")));
    }

    /** A nested object or list, as parsed: for readers that take their own part of a record. */
    public Object object(String key) {
        return required(key, Object.class, "a value");
    }

    private <T> T required(String key, Class<T> type, String expected) {
        if (!map.containsKey(key)) {
            throw new RecordFormatException("missing key \"" + key + "\"");
        }
        Object value = map.get(key);
        if (!type.isInstance(value)) {
            throw wrongType(key, expected, value);
        }
        return type.cast(value);
    }

    private static RecordFormatException wrongType(String key, String expected, Object found) {
        return new RecordFormatException("key \"" + key + "\": expected " + expected + ", found "
                + (found == null ? "null" : found));
    }
}
