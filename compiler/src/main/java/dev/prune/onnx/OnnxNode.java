package dev.prune.onnx;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An ONNX NodeProto. An empty input name marks an omitted optional input, as in ONNX. The domain is ""
 * for the default (ai.onnx) operator set.
 */
public record OnnxNode(String name, String opType, String domain, List<String> inputs, List<String> outputs,
        List<OnnxAttribute> attributes) {

    public OnnxNode {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(opType, "opType");
        Objects.requireNonNull(domain, "domain");
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        attributes = List.copyOf(attributes);
    }

    /** A node of the default domain. */
    public static OnnxNode of(String name, String opType, List<String> inputs, List<String> outputs,
            List<OnnxAttribute> attributes) {
        return new OnnxNode(name, opType, "", inputs, outputs, attributes);
    }

    public Optional<OnnxAttribute> attribute(String attributeName) {
        return attributes.stream().filter(a -> a.name().equals(attributeName)).findFirst();
    }
}
