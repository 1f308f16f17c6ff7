package dev.prune.lang;

import java.util.List;
import java.util.Optional;

/**
 * {@code adamw(lr: 2e-3)}, or a bare name such as {@code cpu} or {@code updp.merge} (a call without
 * parentheses), which may also refer to a {@code let} constant.
 */
public record Call(Span span, QualifiedName callee, List<Argument> args, boolean parenthesized) implements Expr {

    public Call {
        args = List.copyOf(args);
        if (!parenthesized && !args.isEmpty()) {
            throw new IllegalArgumentException("arguments need parentheses");
        }
    }

    public static Call name(String dotted) {
        return new Call(Span.NONE, QualifiedName.of(dotted), List.of(), false);
    }

    public static Call of(String dotted, List<Argument> args) {
        return new Call(Span.NONE, QualifiedName.of(dotted), args, true);
    }

    /** True for a bare name: no parentheses, hence no arguments. */
    public boolean isBareName() {
        return !parenthesized;
    }

    public String calleeName() {
        return callee.dotted();
    }

    public List<Argument> positional() {
        return args.stream().filter(a -> a.name().isEmpty()).toList();
    }

    public Optional<Argument> named(String name) {
        return args.stream().filter(a -> a.name().map(n -> n.text().equals(name)).orElse(false)).findFirst();
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitCall(this);
    }
}
