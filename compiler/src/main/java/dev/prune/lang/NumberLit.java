package dev.prune.lang;

/** A number as written ({@code 2e-3}, {@code 128}) with its unit ({@code 3 epochs}, {@code 0.8 x baseline}). */
public record NumberLit(Span span, String text, Unit unit) implements Expr {

    public static NumberLit of(double value) {
        return new NumberLit(Span.NONE, format(value), Unit.NONE);
    }

    public static NumberLit of(double value, Unit unit) {
        return new NumberLit(Span.NONE, format(value), unit);
    }

    public double value() {
        return Double.parseDouble(text);
    }

    /** Whether the literal was written without a fraction or exponent. */
    public boolean isInteger() {
        return text.chars().allMatch(Character::isDigit);
    }

    /** The shortest text that reads back as {@code value}: {@code 3}, {@code 0.05}, {@code 2e-3}. */
    public static String format(double value) {
        if (value < 0 || Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("a literal is finite and not negative: " + value);
        }
        if (value == Math.rint(value) && value < 1e15) {
            return Long.toString((long) value);
        }
        String plain = java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        String scientific = Double.toString(value).replace("E", "e");
        if (scientific.contains("e")) {
            String[] parts = scientific.split("e");
            String mantissa = parts[0].endsWith(".0") ? parts[0].substring(0, parts[0].length() - 2) : parts[0];
            scientific = mantissa + "e" + parts[1];
        }
        return scientific.length() < plain.length() ? scientific : plain;
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitNumber(this);
    }
}
