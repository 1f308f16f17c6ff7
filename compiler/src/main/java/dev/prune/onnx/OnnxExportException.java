package dev.prune.onnx;

import dev.prune.ir.Node;
import java.util.List;

/**
 * A graph that cannot be written as ONNX. Each problem names the node, its op and the reason; all problems
 * of a graph are collected before throwing, so one export attempt shows them all.
 */
public final class OnnxExportException extends RuntimeException {

    private final List<String> problems;

    OnnxExportException(String graphName, List<String> problems) {
        super("cannot export graph " + graphName + " to ONNX: " + (problems.size() == 1 ? problems.get(0)
                : problems.size() + " problems:\n  " + String.join("\n  ", problems)));
        this.problems = List.copyOf(problems);
    }

    /** One problem's text, in the form every problem takes. */
    static String at(Node node, String reason) {
        return "node " + node.name() + " (" + node.op().onnxName() + "): " + reason;
    }

    public List<String> problems() {
        return problems;
    }
}
