package dev.prune.ir;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Builds a {@link Graph} node by node. {@link #node} infers the new node's shapes at once, so a model builder
 * can read {@link #shape} as it goes and a mistake fails at the line that made it. {@link #build} runs the
 * full {@link GraphVerifier}.
 *
 * <p>Node names are made unique by suffixing {@code _1}, {@code _2}… (PyTorch modules such as ResNet's
 * {@code relu} are applied twice); a single-output node's output value has the node's name.
 */
public final class GraphBuilder {

    private final String name;
    private final List<ValueInfo> inputs = new ArrayList<>();
    private final List<String> outputs = new ArrayList<>();
    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final Set<String> usedNames = new HashSet<>();
    private final Map<String, Shape> shapes = new HashMap<>();

    public GraphBuilder(String name) {
        this.name = name;
    }

    /** A builder holding a copy of {@code graph}. */
    public static GraphBuilder from(Graph graph) {
        GraphBuilder b = new GraphBuilder(graph.name());
        graph.inputs().forEach(in -> b.input(in.name(), in.shape()));
        graph.parameters().values().forEach(b::parameter);
        graph.nodes().forEach(b::add);
        b.outputs.addAll(graph.outputNames());
        return b;
    }

    public String input(String inputName, Shape shape) {
        claim(inputName);
        inputs.add(new ValueInfo(inputName, shape));
        shapes.put(inputName, shape);
        return inputName;
    }

    public String parameter(String parameterName, Tensor value, Parameter.Kind kind) {
        return parameter(new Parameter(parameterName, value, kind));
    }

    public String parameter(Parameter p) {
        claim(p.name());
        parameters.put(p.name(), p);
        shapes.put(p.name(), p.value().staticShape());
        return p.name();
    }

    public String trainable(String parameterName, Tensor value) {
        return parameter(parameterName, value, Parameter.Kind.TRAINABLE);
    }

    public String buffer(String parameterName, Tensor value) {
        return parameter(parameterName, value, Parameter.Kind.BUFFER);
    }

    public String constant(String parameterName, Tensor value) {
        return parameter(parameterName, value, Parameter.Kind.CONSTANT);
    }

    /** Adds a single-output node named {@code baseName} (made unique); returns its output value. */
    public String node(Op op, String baseName, List<String> nodeInputs, Attributes attributes) {
        return node(op, baseName, nodeInputs, attributes, 1).get(0);
    }

    /** Adds a node with {@code outputCount} outputs, named {@code <node>:0}, {@code <node>:1}…. */
    public List<String> node(Op op, String baseName, List<String> nodeInputs, Attributes attributes,
            int outputCount) {
        String nodeName = unique(baseName);
        List<String> outs = outputCount == 1 ? List.of(nodeName)
                : IntStream.range(0, outputCount).mapToObj(i -> nodeName + ":" + i).toList();
        Node node = new Node(nodeName, op, nodeInputs, outs, attributes);
        add(node);
        List<Shape> inferred = ShapeInference.infer(node, this::shape);
        for (int i = 0; i < outs.size(); i++) {
            shapes.put(outs.get(i), inferred.get(i));
        }
        return outs;
    }

    public String node(Op op, String baseName, List<String> nodeInputs) {
        return node(op, baseName, nodeInputs, Attributes.empty());
    }

    /** Appends a ready-made node as is; its shapes are checked by {@link #build}. */
    public GraphBuilder add(Node node) {
        claim(node.name());
        node.outputs().stream().filter(o -> !o.equals(node.name())).forEach(this::claim);
        nodes.add(node);
        return this;
    }

    /** Replaces the node list (for rewrites); names are re-claimed, shapes re-inferred on demand. */
    public GraphBuilder setNodes(List<Node> newNodes) {
        nodes.forEach(n -> {
            usedNames.remove(n.name());
            n.outputs().forEach(usedNames::remove);
        });
        nodes.clear();
        shapes.keySet().retainAll(definedOutsideNodes());
        newNodes.forEach(this::add);
        return this;
    }

    public GraphBuilder removeParameter(String parameterName) {
        if (parameters.remove(parameterName) != null) {
            usedNames.remove(parameterName);
            shapes.remove(parameterName);
        }
        return this;
    }

    public GraphBuilder output(String value) {
        outputs.add(value);
        return this;
    }

    public GraphBuilder setOutputs(List<String> values) {
        outputs.clear();
        outputs.addAll(values);
        return this;
    }

    public List<Node> nodes() {
        return List.copyOf(nodes);
    }

    public boolean hasParameter(String parameterName) {
        return parameters.containsKey(parameterName);
    }

    /** The shape of a value defined so far. */
    public Shape shape(String value) {
        Shape s = shapes.get(value);
        if (s == null) {
            shapes.putAll(GraphVerifier.inferShapes(inputs, nodes, parameters, List.of()));
            s = shapes.get(value);
        }
        if (s == null) {
            throw new IrException("no value " + value + " in graph " + name + " so far");
        }
        return s;
    }

    /** Verifies and freezes the graph. */
    public Graph build() {
        return new Graph(name, inputs, outputs, nodes, parameters);
    }

    /** {@code base}, or {@code base_1}, {@code base_2}… if taken. */
    public String unique(String base) {
        if (!usedNames.contains(base)) {
            return base;
        }
        for (int i = 1; ; i++) {
            String candidate = base + "_" + i;
            if (!usedNames.contains(candidate)) {
                return candidate;
            }
        }
    }

    private Set<String> definedOutsideNodes() {
        Set<String> names = new HashSet<>(parameters.keySet());
        inputs.forEach(in -> names.add(in.name()));
        return names;
    }

    private void claim(String valueName) {
        if (!usedNames.add(valueName)) {
            throw new IrException("name " + valueName + " is already used in graph " + name);
        }
    }
}
