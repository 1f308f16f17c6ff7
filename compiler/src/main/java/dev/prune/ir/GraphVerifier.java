package dev.prune.ir;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a graph's invariants and infers every value's shape: each value is defined exactly once (graph
 * input, parameter or node output), node names are unique, nodes are in topological order, every node's
 * inputs fit its op, and the outputs exist. All problems are collected before failing; a node whose shape
 * cannot be inferred does not cascade into its consumers' reports.
 */
public final class GraphVerifier {

    private GraphVerifier() {
    }

    /** Verifies a built graph; throws {@link IrException} listing every problem. */
    public static void verify(Graph graph) {
        inferShapes(graph.inputs(), graph.nodes(), graph.parameters(), graph.outputNames());
    }

    /**
     * The shape of every value and parameter, in definition order.
     *
     * @throws IrException listing every problem found
     */
    static Map<String, Shape> inferShapes(List<ValueInfo> inputs, List<Node> nodes,
            Map<String, Parameter> parameters, List<String> outputs) {
        List<String> problems = new ArrayList<>();
        Map<String, Shape> shapes = new LinkedHashMap<>();
        Set<String> broken = new HashSet<>(); // defined, but of unknown shape
        for (ValueInfo input : inputs) {
            define(input.name(), "graph input", shapes, problems);
            shapes.put(input.name(), input.shape());
        }
        for (Parameter p : parameters.values()) {
            define(p.name(), "parameter", shapes, problems);
            shapes.put(p.name(), p.value().staticShape());
        }
        Set<String> laterOutputs = new HashSet<>();
        nodes.forEach(n -> laterOutputs.addAll(n.outputs()));
        Map<String, Node> nodeNames = new HashMap<>();
        for (Node node : nodes) {
            if (nodeNames.put(node.name(), node) != null) {
                problems.add("node name " + node.name() + " is used twice");
            }
            boolean inputsReady = true;
            for (String in : node.inputs()) {
                if (broken.contains(in)) {
                    inputsReady = false;
                } else if (!shapes.containsKey(in)) {
                    inputsReady = false;
                    problems.add("node " + node.name() + " reads " + in
                            + (laterOutputs.contains(in) ? " before it is computed (not topological)" : ", which is never defined"));
                }
            }
            List<Shape> outShapes = null;
            if (inputsReady) {
                try {
                    outShapes = ShapeInference.infer(node, shapes::get);
                } catch (IrException e) {
                    problems.addAll(e.problems());
                }
            }
            for (int i = 0; i < node.outputs().size(); i++) {
                String out = node.outputs().get(i);
                define(out, "output of " + node.name(), shapes, problems);
                if (outShapes == null) {
                    broken.add(out);
                } else {
                    shapes.put(out, outShapes.get(i));
                }
            }
            laterOutputs.removeAll(node.outputs());
        }
        for (String out : outputs) {
            if (!shapes.containsKey(out) && !broken.contains(out)) {
                problems.add("graph output " + out + " is never defined");
            }
        }
        if (!problems.isEmpty()) {
            throw new IrException(problems);
        }
        return shapes;
    }

    private static void define(String name, String what, Map<String, Shape> shapes, List<String> problems) {
        if (shapes.containsKey(name)) {
            problems.add(name + " is defined twice (again as " + what + ")");
        }
    }
}
