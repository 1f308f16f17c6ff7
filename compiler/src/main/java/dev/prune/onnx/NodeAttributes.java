package dev.prune.onnx;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * An ONNX node's attributes for import: typed getters with defaults, and a check that the node carries no
 * attribute its translation does not read, so nothing that changes the meaning is dropped silently.
 */
final class NodeAttributes {

    private final OnnxNode node;

    /** @throws Unsupported if the node has an attribute outside {@code known} */
    NodeAttributes(OnnxNode node, String... known) {
        this.node = node;
        Set<String> allowed = Set.of(known);
        for (OnnxAttribute a : node.attributes()) {
            if (!allowed.contains(a.name())) {
                throw new Unsupported("attribute " + a + " is not supported (supported: "
                        + (known.length == 0 ? "none" : String.join(", ", known)) + ")");
            }
        }
    }

    boolean has(String name) {
        return node.attribute(name).isPresent();
    }

    long intValue(String name, long fallback) {
        return node.attribute(name).map(OnnxAttribute::intValue).orElse(fallback);
    }

    float floatValue(String name, float fallback) {
        return node.attribute(name).map(OnnxAttribute::floatValue).orElse(fallback);
    }

    String stringValue(String name, String fallback) {
        return node.attribute(name).map(OnnxAttribute::stringValue).orElse(fallback);
    }

    Optional<int[]> ints(String name) {
        return node.attribute(name).map(a -> Arrays.stream(a.intsValue()).mapToInt(Math::toIntExact).toArray());
    }

    /** Fails unless the attribute is absent or has the one value the IR supports. */
    void require(String name, long supported) {
        long v = intValue(name, supported);
        if (v != supported) {
            throw new Unsupported("attribute " + name + " = " + v + " is not supported (only " + supported + ")");
        }
    }

    void requireFloat(String name, float supported) {
        float v = floatValue(name, supported);
        if (v != supported) {
            throw new Unsupported("attribute " + name + " = " + v + " is not supported (only " + supported + ")");
        }
    }
}
