package dev.prune.onnx;

import dev.prune.ir.Attributes;
import dev.prune.ir.IrException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads one IR node's attributes for lowering and remembers which were read, so that {@link #unread()}
 * can refuse an attribute the exporter does not understand instead of dropping it silently.
 */
final class AttributeReader {

    private final Attributes attributes;
    private final Set<String> read = new HashSet<>();

    AttributeReader(Attributes attributes) {
        this.attributes = attributes;
    }

    boolean has(String name) {
        read.add(name);
        return attributes.has(name);
    }

    int intValue(String name, int fallback) {
        read.add(name);
        return attributes.getInt(name, fallback);
    }

    float floatValue(String name, float fallback) {
        read.add(name);
        return attributes.getFloat(name, fallback);
    }

    String stringValue(String name, String fallback) {
        read.add(name);
        return attributes.getString(name, fallback);
    }

    /** The int list, or null when absent. */
    long[] longs(String name) {
        read.add(name);
        int[] values = attributes.getInts(name, null);
        return values == null ? null : Arrays.stream(values).asLongStream().toArray();
    }

    /** The attribute as an ONNX attribute of the same kind, or null when absent. */
    OnnxAttribute copy(String name) {
        read.add(name);
        Object v = attributes.get(name);
        if (v == null) {
            return null;
        }
        if (v instanceof Integer i) {
            return OnnxAttribute.of(name, (long) i);
        }
        if (v instanceof Float f) {
            return OnnxAttribute.of(name, (float) f);
        }
        if (v instanceof String s) {
            return OnnxAttribute.of(name, s);
        }
        if (v instanceof List<?> list && list.stream().allMatch(e -> e instanceof Integer)) {
            return OnnxAttribute.ints(name, longs(name));
        }
        throw new IrException("attribute " + name + " = " + v + " has no ONNX attribute kind");
    }

    /** ONNX attributes for those of {@code names} that are present, in that order. */
    List<OnnxAttribute> copyAll(String... names) {
        List<OnnxAttribute> out = new ArrayList<>();
        for (String name : names) {
            OnnxAttribute a = copy(name);
            if (a != null) {
                out.add(a);
            }
        }
        return out;
    }

    /** Marks an attribute that only carries bookkeeping, with no effect on the value, as deliberately not written. */
    void ignore(String name) {
        read.add(name);
    }

    /** Names present on the node that no lowering step asked for. */
    List<String> unread() {
        return attributes.names().stream().filter(n -> !read.contains(n)).sorted().toList();
    }
}
