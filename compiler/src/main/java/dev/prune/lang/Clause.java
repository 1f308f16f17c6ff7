package dev.prune.lang;

import java.util.List;

/** A keyword and its values inside a setting: {@code from train}, {@code except "a", "b"}, {@code where macs <= 0.8 x baseline}. */
public record Clause(Span span, String keyword, List<Expr> values) implements Node {

    public Clause {
        values = List.copyOf(values);
    }
}
