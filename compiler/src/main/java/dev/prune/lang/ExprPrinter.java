package dev.prune.lang;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Prints an expression in canonical form with the fewest parentheses that read back as the same tree.
 * The AST keeps no parentheses, so they are derived from precedence: {@code + -} below {@code * /} below
 * unary minus, all binary operators left-associative.
 */
final class ExprPrinter implements ExprVisitor<String> {

    private static final ExprPrinter INSTANCE = new ExprPrinter();

    /** Ranges and comparisons only stand at the top of a statement; nothing binds looser. */
    private static final int LOOSEST = 0;
    private static final int NEGATE = 3;
    private static final int ATOM = 4;

    private ExprPrinter() {
    }

    static String print(Expr expr) {
        return expr.accept(INSTANCE);
    }

    static String printAll(List<? extends Expr> exprs, String separator) {
        return exprs.stream().map(ExprPrinter::print).collect(Collectors.joining(separator));
    }

    /** A string literal with the escapes the lexer accepts: {@code \" \\ \n \r \t}. */
    static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }

    @Override
    public String visitNumber(NumberLit number) {
        return switch (number.unit()) {
            case NONE -> number.text();
            // `%` is a token of its own, so `10%` lexes as `10` `%` and reads like the mathematical notation.
            case PERCENT -> number.text() + number.unit().text();
            default -> number.text() + " " + number.unit().text();
        };
    }

    @Override
    public String visitString(StringLit string) {
        return quote(string.value());
    }

    @Override
    public String visitList(ListExpr list) {
        return "[" + printAll(list.items(), ", ") + "]";
    }

    @Override
    public String visitCall(Call call) {
        if (call.isBareName()) {
            return call.calleeName();
        }
        String args = call.args().stream()
                .map(a -> a.name().map(n -> n.text() + ": ").orElse("") + print(a.value()))
                .collect(Collectors.joining(", "));
        return call.calleeName() + "(" + args + ")";
    }

    @Override
    public String visitNegate(Negate negate) {
        return "-" + operand(negate.operand(), NEGATE);
    }

    @Override
    public String visitBinary(Binary binary) {
        int precedence = binary.op().precedence();
        // Left-associative: `a - b - c` is `(a - b) - c`, so a right operand of equal precedence needs parentheses.
        String left = operand(binary.left(), precedence);
        String right = operand(binary.right(), precedence + 1);
        return left + " " + binary.op().symbol() + " " + right;
    }

    @Override
    public String visitRange(Range range) {
        return print(range.low()) + ".." + print(range.high());
    }

    @Override
    public String visitComparison(Comparison comparison) {
        return comparison.metric().text() + " " + comparison.op().symbol() + " " + print(comparison.bound());
    }

    /** {@code expr}, parenthesized when it binds looser than {@code minimum}. */
    private String operand(Expr expr, int minimum) {
        String text = print(expr);
        return precedence(expr) < minimum ? "(" + text + ")" : text;
    }

    private static int precedence(Expr expr) {
        if (expr instanceof Binary binary) {
            return binary.op().precedence();
        }
        if (expr instanceof Negate) {
            return NEGATE;
        }
        if (expr instanceof Range || expr instanceof Comparison) {
            return LOOSEST;
        }
        return ATOM;
    }
}
