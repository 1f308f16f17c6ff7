package dev.prune.lang;

/** {@code 2..6}, both ends included. */
public record Range(Span span, Expr low, Expr high) implements Expr {

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitRange(this);
    }
}
