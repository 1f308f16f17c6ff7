package dev.prune.lang;

/** {@code -x}. */
public record Negate(Span span, Expr operand) implements Expr {

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitNegate(this);
    }
}
