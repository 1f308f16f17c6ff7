package dev.prune.lang;

import java.util.Optional;

/** An argument of a call, positional ({@code 28}) or named ({@code padding: 2}). */
public record Argument(Span span, Optional<Name> name, Expr value) implements Node {

    public static Argument positional(Expr value) {
        return new Argument(Span.NONE, Optional.empty(), value);
    }

    public static Argument named(String name, Expr value) {
        return new Argument(Span.NONE, Optional.of(Name.of(name)), value);
    }
}
