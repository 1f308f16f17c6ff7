package dev.prune.ir;

import java.util.Objects;

/** A named value with its shape: a graph input or output. */
public record ValueInfo(String name, Shape shape) {

    public ValueInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(shape, "shape");
    }

    @Override
    public String toString() {
        return name + shape;
    }
}
