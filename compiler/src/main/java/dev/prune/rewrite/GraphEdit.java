package dev.prune.rewrite;

import dev.prune.ir.Attributes;
import dev.prune.ir.Graph;
import dev.prune.ir.GraphBuilder;
import dev.prune.ir.Node;
import dev.prune.ir.Op;
import dev.prune.ir.Parameter;
import dev.prune.ir.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One rewrite of a graph, collected and then applied at once by {@link #build}: nodes replaced (the new ones
 * take the old one's place in topological order), values renamed (every <em>pre-existing</em> reader of the
 * old value, and the graph outputs, read the new one), parameters added or given new values. {@link #build}
 * then drops what no longer reaches an output and verifies the result. The input graph is never changed.
 */
final class GraphEdit {

    private final Graph graph;
    private final Map<String, List<Node>> replacements = new HashMap<>();
    private final Map<String, String> renames = new LinkedHashMap<>();
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final Set<String> used = new HashSet<>();

    GraphEdit(Graph graph) {
        this.graph = graph;
        graph.inputs().forEach(in -> used.add(in.name()));
        used.addAll(graph.parameters().keySet());
        for (Node n : graph.nodes()) {
            used.add(n.name());
            used.addAll(n.outputs());
        }
    }

    Graph graph() {
        return graph;
    }

    /** Puts {@code news} where {@code old} was (an empty list removes it). */
    GraphEdit replace(Node old, List<Node> news) {
        replacements.put(old.name(), List.copyOf(news));
        news.forEach(n -> {
            used.add(n.name());
            used.addAll(n.outputs());
        });
        return this;
    }

    GraphEdit replace(Node old, Node... news) {
        return replace(old, List.of(news));
    }

    GraphEdit remove(Node old) {
        return replace(old, List.of());
    }

    /** Pre-existing readers of {@code from} (and the graph outputs) read {@code to} instead. */
    GraphEdit rename(String from, String to) {
        renames.put(from, to);
        return this;
    }

    Map<String, String> renames() {
        return renames;
    }

    /** Replaced node name → the nodes that took its place. */
    Map<String, List<Node>> replacements() {
        return replacements;
    }

    /** Adds a parameter under {@code base} (made unique); returns its name. */
    String parameter(String base, Tensor value, Parameter.Kind kind) {
        String name = unique(base);
        parameters.put(name, new Parameter(name, value, kind));
        return name;
    }

    /** Gives an existing parameter a new value, of any shape. */
    GraphEdit setParameter(String name, Tensor value) {
        Parameter old = graph.parameter(name).orElseThrow(() -> new IllegalArgumentException("no parameter " + name));
        parameters.put(name, new Parameter(name, value, old.kind()));
        return this;
    }

    /** {@code base}, or {@code base_1}, {@code base_2}… if the graph or this edit uses it. */
    String unique(String base) {
        String name = base;
        for (int i = 1; used.contains(name); i++) {
            name = base + "_" + i;
        }
        used.add(name);
        return name;
    }

    /** A single-output node named {@code name} (reserved with {@link #unique} first). */
    Node node(Op op, String base, List<String> inputs, Attributes attributes) {
        String name = unique(base);
        return new Node(name, op, inputs, List.of(name), attributes);
    }

    Graph build() {
        Set<Node> fresh = new HashSet<>();
        List<Node> nodes = new ArrayList<>();
        for (Node n : graph.nodes()) {
            List<Node> news = replacements.get(n.name());
            if (news == null) {
                nodes.add(n.withInputs(n.inputs().stream().map(this::resolve).toList()));
            } else {
                nodes.addAll(news);
                fresh.addAll(news);
            }
        }
        // A fresh node reads exactly what it names; a kept one follows the renames (already applied above).
        List<String> outputs = graph.outputNames().stream().map(this::resolve).toList();
        nodes = live(nodes, outputs);
        Set<String> read = new HashSet<>();
        nodes.forEach(n -> read.addAll(n.inputs()));

        GraphBuilder b = new GraphBuilder(graph.name());
        graph.inputs().forEach(in -> b.input(in.name(), in.shape()));
        for (Parameter p : graph.parameters().values()) {
            if (read.contains(p.name())) {
                b.parameter(parameters.getOrDefault(p.name(), p));
            }
        }
        parameters.values().stream()
                .filter(p -> !graph.isParameter(p.name()) && read.contains(p.name()))
                .forEach(b::parameter);
        nodes.forEach(b::add);
        return b.setOutputs(outputs).build();
    }

    private String resolve(String value) {
        String v = value;
        for (int guard = 0; renames.containsKey(v); guard++) {
            if (guard > renames.size()) {
                throw new IllegalStateException("rename cycle at " + value);
            }
            v = renames.get(v);
        }
        return v;
    }

    /** The nodes that contribute to an output, in order. */
    private static List<Node> live(List<Node> nodes, List<String> outputs) {
        Set<String> needed = new HashSet<>(outputs);
        boolean[] keep = new boolean[nodes.size()];
        for (int i = nodes.size() - 1; i >= 0; i--) {
            Node n = nodes.get(i);
            if (n.outputs().stream().anyMatch(needed::contains)) {
                keep[i] = true;
                needed.addAll(n.inputs());
            }
        }
        List<Node> out = new ArrayList<>();
        for (int i = 0; i < keep.length; i++) {
            if (keep[i]) {
                out.add(nodes.get(i));
            }
        }
        return out;
    }
}
