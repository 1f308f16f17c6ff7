package dev.prune.onnx;

import dev.prune.ir.Graph;
import dev.prune.ir.Node;
import dev.prune.ir.Parameter;
import dev.prune.ir.Shape;
import dev.prune.ir.Tensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lowers a {@link Graph} to an {@link OnnxGraph}: the bookkeeping around {@link NodeLowering}, which handles
 * one node at a time. It owns the value names, the initializers and the problems found.
 *
 * <p>Naming. Graph inputs, node outputs and parameters keep their IR names (parameters are PyTorch
 * state-dict names), except that a graph's single output is called {@value #OUTPUT_NAME}. Everything the
 * exporter adds (helper nodes, their values, initializers made from attributes or derived from a parameter)
 * is named {@code <owner>/<role>}: state-dict names never contain a slash, so a reader can tell them apart.
 *
 * <p>Initializers: the parameters that some exported node reads, in state-dict order (CONSTANT ones too),
 * then the derived ones in the order they were made.
 *
 * <p>Nodes that no graph output depends on are not written. A Blend at λ = 0 or 1 lowers to nothing, which
 * leaves the nodes only its other branch used dead; ONNX Runtime does not always drop them, and a dead
 * reader of a value blocks the fusions on it (Add + LayerNormalization into SkipLayerNormalization), so the
 * λ = 0 subnet would round differently from the baseline it must equal bit for bit.
 */
final class GraphLowering {

    static final String OUTPUT_NAME = "logits";
    static final String BATCH_DIM = "N";

    private final Graph graph;
    private final List<OnnxNode> nodes = new ArrayList<>();
    private final Map<String, OnnxTensor> derived = new LinkedHashMap<>();
    /** IR value → the IR value it is equal to, for nodes lowered to nothing (Blend at λ = 0 or 1). */
    private final Map<String, String> aliases = new HashMap<>();
    private final Map<String, String> renamed = new HashMap<>();
    private final List<String> problems = new ArrayList<>();

    private GraphLowering(Graph graph) {
        this.graph = graph;
        List<String> outputs = graph.outputNames();
        if (outputs.size() == 1 && graph.producer(outputs.get(0)).isPresent() && !hasValue(OUTPUT_NAME)) {
            renamed.put(outputs.get(0), OUTPUT_NAME);
        }
    }

    /** @throws OnnxExportException listing every node that cannot be exported, with the reason */
    static OnnxGraph lower(Graph graph) {
        return new GraphLowering(graph).run();
    }

    private OnnxGraph run() {
        for (Node node : graph.nodes()) {
            List<String> missing = node.inputs().stream()
                    .filter(i -> graph.parameter(i).map(p -> !p.value().hasData()).orElse(false)).toList();
            if (!missing.isEmpty()) {
                problems.add(OnnxExportException.at(node, "parameters " + missing + " have shapes but no data "
                        + "(the graph was built shapes-only); build it with weights to export it"));
                continue;
            }
            try {
                NodeLowering.lower(node, this);
            } catch (UnsupportedNode e) {
                problems.add(OnnxExportException.at(node, e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new OnnxExportException(graph.name(), problems);
        }
        List<OnnxValueInfo> inputs = graph.inputs().stream().map(v -> valueInfo(v.name(), v.shape())).toList();
        List<OnnxValueInfo> outputs = graph.outputNames().stream()
                .map(o -> valueInfo(input(o), graph.shape(o))).toList();
        List<OnnxNode> live = liveNodes(outputs);
        Set<String> read = new HashSet<>();
        live.forEach(n -> read.addAll(n.inputs()));
        List<OnnxTensor> initializers = new ArrayList<>();
        graph.parameters().values().stream().filter(p -> read.contains(p.name()))
                .forEach(p -> initializers.add(floats(p.name(), p.value())));
        derived.values().stream().filter(t -> read.contains(t.name())).forEach(initializers::add);
        return new OnnxGraph(graph.name(), live, initializers, inputs, outputs);
    }

    /** The written nodes that some output depends on, in their (topological) order. */
    private List<OnnxNode> liveNodes(List<OnnxValueInfo> outputs) {
        Set<String> needed = new HashSet<>();
        outputs.forEach(o -> needed.add(o.name()));
        ArrayDeque<OnnxNode> live = new ArrayDeque<>();
        for (int i = nodes.size() - 1; i >= 0; i--) {
            OnnxNode node = nodes.get(i);
            if (node.outputs().stream().anyMatch(needed::contains)) {
                live.addFirst(node);
                needed.addAll(node.inputs());
            }
        }
        return List.copyOf(live);
    }

    Graph graph() {
        return graph;
    }

    Shape shape(String irValue) {
        return graph.shape(irValue);
    }

    /** The ONNX name under which a node reads {@code irValue}. */
    String input(String irValue) {
        String target = irValue;
        while (aliases.containsKey(target)) {
            target = aliases.get(target);
        }
        return renamed.getOrDefault(target, target);
    }

    /** The ONNX name under which a node writes {@code irValue}. */
    String output(String irValue) {
        return renamed.getOrDefault(irValue, irValue);
    }

    boolean isGraphOutput(String irValue) {
        return graph.outputNames().contains(irValue);
    }

    /** Records that {@code irValue} equals {@code irTarget}, so that readers of one read the other. */
    void alias(String irValue, String irTarget) {
        aliases.put(irValue, irTarget);
    }

    void emit(String name, String opType, List<String> inputs, List<String> outputs, List<OnnxAttribute> attrs) {
        nodes.add(OnnxNode.of(name, opType, inputs, outputs, attrs));
    }

    /** Adds a derived initializer and returns its name; the same name twice must mean the same tensor. */
    String initializer(OnnxTensor tensor) {
        OnnxTensor previous = derived.putIfAbsent(tensor.name(), tensor);
        if (previous != null && !previous.equals(tensor)) {
            throw new IllegalStateException("two different initializers named " + tensor.name());
        }
        return tensor.name();
    }

    /** A float initializer named {@code name} holding {@code value}. */
    String initializer(String name, Tensor value) {
        return initializer(floats(name, value));
    }

    Parameter parameter(String irValue) {
        return graph.parameter(irValue).orElseThrow(() -> new UnsupportedNode(irValue + " is not a parameter"));
    }

    boolean isParameter(String irValue) {
        return graph.isParameter(irValue);
    }

    private boolean hasValue(String name) {
        return graph.isParameter(name) || graph.producer(name).isPresent()
                || graph.inputs().stream().anyMatch(v -> v.name().equals(name));
    }

    static OnnxTensor floats(String name, Tensor value) {
        return OnnxTensor.ofFloats(name, dims(value.shape()), value.toArray());
    }

    private static long[] dims(int[] shape) {
        long[] out = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            out[i] = shape[i];
        }
        return out;
    }

    private static OnnxValueInfo valueInfo(String name, Shape shape) {
        List<OnnxValueInfo.Dim> dims = new ArrayList<>();
        for (int d : shape.dims()) {
            dims.add(d == Shape.DYNAMIC ? OnnxValueInfo.Dim.symbolic(BATCH_DIM) : OnnxValueInfo.Dim.of(d));
        }
        return new OnnxValueInfo(name, OnnxTensor.DataType.FLOAT, dims);
    }

    /** A node that has no ONNX form; the message is the reason, the caller adds the node. */
    static final class UnsupportedNode extends RuntimeException {
        UnsupportedNode(String reason) {
            super(reason);
        }
    }
}
