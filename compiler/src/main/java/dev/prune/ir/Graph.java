package dev.prune.ir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable, verified computation graph: inputs (batch dimension dynamic), nodes in topological order,
 * outputs, and named parameters in state-dict order. Every value's shape is known.
 *
 * <p>Graphs are made by {@link GraphBuilder}; a rewrite starts from {@link #toBuilder()} and builds a new
 * graph, so the original stays available (for instance to verify a merge against it).
 */
public final class Graph {

    private final String name;
    private final List<ValueInfo> inputs;
    private final List<String> outputs;
    private final List<Node> nodes;
    private final Map<String, Parameter> parameters;
    private final Map<String, Shape> shapes;
    private final Map<String, Node> producers = new HashMap<>();
    private final Map<String, List<Node>> consumers = new HashMap<>();

    /** Verifies, then freezes. Only {@link GraphBuilder} and parameter updates call this. */
    Graph(String name, List<ValueInfo> inputs, List<String> outputs, List<Node> nodes,
            Map<String, Parameter> parameters) {
        this.name = name;
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        this.nodes = List.copyOf(nodes);
        this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        this.shapes = Collections.unmodifiableMap(
                GraphVerifier.inferShapes(this.inputs, this.nodes, this.parameters, this.outputs));
        for (Node node : this.nodes) {
            node.outputs().forEach(out -> producers.put(out, node));
            node.inputs().forEach(in -> consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(node));
        }
        consumers.replaceAll((k, v) -> List.copyOf(v));
    }

    public String name() {
        return name;
    }

    public List<ValueInfo> inputs() {
        return inputs;
    }

    public List<String> outputNames() {
        return outputs;
    }

    /** The outputs with their inferred shapes. */
    public List<ValueInfo> outputs() {
        return outputs.stream().map(o -> new ValueInfo(o, shapes.get(o))).toList();
    }

    /** Nodes in topological order. */
    public List<Node> nodes() {
        return nodes;
    }

    public Optional<Node> node(String nodeName) {
        return nodes.stream().filter(n -> n.name().equals(nodeName)).findFirst();
    }

    /** All parameters (trainable, buffers, constants), in state-dict order. */
    public Map<String, Parameter> parameters() {
        return parameters;
    }

    public Optional<Parameter> parameter(String parameterName) {
        return Optional.ofNullable(parameters.get(parameterName));
    }

    public boolean isParameter(String valueName) {
        return parameters.containsKey(valueName);
    }

    /** The entries a PyTorch state dict would hold (trainable weights and buffers), in order. */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> dict = new LinkedHashMap<>();
        parameters.values().stream().filter(Parameter::inStateDict).forEach(p -> dict.put(p.name(), p.value()));
        return Collections.unmodifiableMap(dict);
    }

    /** Number of trainable scalars (what torchvision and timm report as a model's parameter count). */
    public long trainableParameterCount() {
        return parameters.values().stream().filter(Parameter::isTrainable).mapToLong(p -> p.value().size()).sum();
    }

    /** False when the graph was built without weight data (lazy mode). */
    public boolean isMaterialized() {
        return parameters.values().stream().allMatch(p -> p.value().hasData());
    }

    /** The shape of any value or parameter. */
    public Shape shape(String valueName) {
        Shape s = shapes.get(valueName);
        if (s == null) {
            throw new IrException("graph " + name + " has no value " + valueName);
        }
        return s;
    }

    /** The node computing a value; empty for graph inputs and parameters. */
    public Optional<Node> producer(String valueName) {
        return Optional.ofNullable(producers.get(valueName));
    }

    /** The nodes reading a value, in topological order. */
    public List<Node> consumers(String valueName) {
        return consumers.getOrDefault(valueName, List.of());
    }

    /** This graph with one parameter's value replaced (same shape), e.g. BatchNorm running statistics. */
    public Graph withParameter(String parameterName, Tensor value) {
        return withParameters(Map.of(parameterName, value));
    }

    /** This graph with parameter values replaced by name (a state dict); every name must exist. */
    public Graph withParameters(Map<String, Tensor> values) {
        Map<String, Parameter> updated = new LinkedHashMap<>(parameters);
        List<String> unknown = new ArrayList<>();
        values.forEach((key, value) -> {
            Parameter p = updated.get(key);
            if (p == null) {
                unknown.add("graph " + name + " has no parameter " + key);
            } else {
                updated.put(key, p.withValue(value));
            }
        });
        if (!unknown.isEmpty()) {
            throw new IrException(unknown);
        }
        return new Graph(name, inputs, outputs, nodes, updated);
    }

    /** A builder holding a copy of this graph, for rewrites. */
    public GraphBuilder toBuilder() {
        return GraphBuilder.from(this);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("graph ").append(name).append(inputs).append(" -> ").append(outputs());
        for (Node node : nodes) {
            b.append("\n  ").append(String.join(", ", node.outputs())).append(' ')
                    .append(shape(node.outputs().get(0))).append(" = ").append(node.op().onnxName())
                    .append(node.inputs());
        }
        return b.toString();
    }
}
