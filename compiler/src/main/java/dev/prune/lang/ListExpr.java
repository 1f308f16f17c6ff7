package dev.prune.lang;

import java.util.List;

/** {@code [1, 28, 28]}. */
public record ListExpr(Span span, List<Expr> items) implements Expr {

    public ListExpr {
        items = List.copyOf(items);
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitList(this);
    }
}
