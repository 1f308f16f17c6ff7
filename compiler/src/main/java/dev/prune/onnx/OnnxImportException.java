package dev.prune.onnx;

import java.util.List;

/**
 * An ONNX model that cannot be imported. Each problem names the node, its op type and the reason
 * ({@code node /blocks/blocks.0/attn/Einsum (Einsum): ...}); all problems of a model are collected before
 * throwing. A file that cannot be read at all carries the reader's {@link OnnxFormatException} as its cause.
 */
public final class OnnxImportException extends RuntimeException {

    private final String source;
    private final List<String> problems;

    OnnxImportException(String source, List<String> problems) {
        super("cannot import " + source + ": " + (problems.size() == 1 ? problems.get(0)
                : problems.size() + " problems:\n  " + String.join("\n  ", problems)));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    OnnxImportException(String source, String problem, Throwable cause) {
        super("cannot import " + source + ": " + problem, cause);
        this.source = source;
        this.problems = List.of(problem);
    }

    /** One problem's text, in the form every problem takes. */
    static String at(OnnxNode node, String reason) {
        String name = node.name().isEmpty() ? "(unnamed)" : node.name();
        return "node " + name + " (" + (node.domain().isEmpty() ? "" : node.domain() + ".") + node.opType() + "): "
                + reason;
    }

    /** The file (or model name) that failed. */
    public String source() {
        return source;
    }

    public List<String> problems() {
        return problems;
    }
}
