package dev.prune.lang;

/** {@code macs <= 0.8 x baseline}: a bound on a measured quantity. */
public record Comparison(Span span, Name metric, Operator op, Expr bound) implements Expr {

    public enum Operator {
        AT_MOST("<="), BELOW("<"), AT_LEAST(">="), ABOVE(">"), EQUAL("==");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        public static Operator of(String symbol) {
            for (Operator op : values()) {
                if (op.symbol.equals(symbol)) {
                    return op;
                }
            }
            throw new IllegalArgumentException("not a comparison: " + symbol);
        }
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitComparison(this);
    }
}
