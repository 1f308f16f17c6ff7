package dev.prune.lang;

/** A double-quoted string; {@code value} is the text with escapes resolved. */
public record StringLit(Span span, String value) implements Expr {

    public static StringLit of(String value) {
        return new StringLit(Span.NONE, value);
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitString(this);
    }
}
