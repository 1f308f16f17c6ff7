package dev.prune.ir;

import java.util.Objects;

/**
 * A named initializer of a graph. Names are PyTorch state-dict names, so a state dict maps one to one.
 *
 * @param kind {@link Kind#TRAINABLE} weights; {@link Kind#BUFFER} state-dict entries that are not trained
 *     (BatchNorm running statistics); {@link Kind#CONSTANT} graph-internal values that are in no state dict
 *     (attention's scale)
 */
public record Parameter(String name, Tensor value, Kind kind) {

    public enum Kind { TRAINABLE, BUFFER, CONSTANT }

    public Parameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(kind, "kind");
    }

    public boolean isTrainable() {
        return kind == Kind.TRAINABLE;
    }

    /** True for what a PyTorch state dict holds: trainable weights and buffers. */
    public boolean inStateDict() {
        return kind != Kind.CONSTANT;
    }

    public Parameter withValue(Tensor newValue) {
        if (!newValue.sameShape(value)) {
            throw new IrException("parameter " + name + " has shape " + value.staticShape()
                    + ", cannot take " + newValue.staticShape());
        }
        return new Parameter(name, newValue, kind);
    }
}
