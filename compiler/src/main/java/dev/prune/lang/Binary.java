package dev.prune.lang;

/** {@code a * b}, {@code a / b}, {@code a + b}, {@code a - b}. */
public record Binary(Span span, Operator op, Expr left, Expr right) implements Expr {

    public enum Operator {
        MULTIPLY("*", 2), DIVIDE("/", 2), ADD("+", 1), SUBTRACT("-", 1);

        private final String symbol;
        private final int precedence;

        Operator(String symbol, int precedence) {
            this.symbol = symbol;
            this.precedence = precedence;
        }

        public String symbol() {
            return symbol;
        }

        /** Higher binds tighter. */
        public int precedence() {
            return precedence;
        }

        public static Operator of(String symbol) {
            for (Operator op : values()) {
                if (op.symbol.equals(symbol)) {
                    return op;
                }
            }
            throw new IllegalArgumentException("not an operator: " + symbol);
        }
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitBinary(this);
    }
}
