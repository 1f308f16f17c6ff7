package dev.prune.ir;

import java.util.List;
import java.util.Objects;

/**
 * One operator application. Inputs and outputs are value names: graph inputs, other nodes' outputs, or
 * parameter names. An absent optional input is not listed (the IR has no trailing optional holes).
 */
public record Node(String name, Op op, List<String> inputs, List<String> outputs, Attributes attributes) {

    public Node {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(op, "op");
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        Objects.requireNonNull(attributes, "attributes");
        if (outputs.isEmpty()) {
            throw new IrException("node " + name + " has no output");
        }
    }

    /** The single output; most ops have one. */
    public String output() {
        if (outputs.size() != 1) {
            throw new IrException("node " + name + " has " + outputs.size() + " outputs");
        }
        return outputs.get(0);
    }

    public String input(int i) {
        return inputs.get(i);
    }

    public Node withInputs(List<String> newInputs) {
        return new Node(name, op, newInputs, outputs, attributes);
    }

    public Node withAttributes(Attributes newAttributes) {
        return new Node(name, op, inputs, outputs, newAttributes);
    }

    @Override
    public String toString() {
        return name + " = " + op.onnxName() + inputs + (attributes.names().isEmpty() ? "" : " " + attributes);
    }
}
