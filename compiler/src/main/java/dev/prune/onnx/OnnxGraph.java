package dev.prune.onnx;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** An ONNX GraphProto: nodes in topological order, initializers, and the graph's inputs and outputs. */
public record OnnxGraph(String name, List<OnnxNode> nodes, List<OnnxTensor> initializers,
        List<OnnxValueInfo> inputs, List<OnnxValueInfo> outputs) {

    public OnnxGraph {
        Objects.requireNonNull(name, "name");
        nodes = List.copyOf(nodes);
        initializers = List.copyOf(initializers);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /** Initializers by name, in file order. */
    public Map<String, OnnxTensor> initializerMap() {
        Map<String, OnnxTensor> map = new LinkedHashMap<>();
        initializers.forEach(t -> map.put(t.name(), t));
        return map;
    }
}
