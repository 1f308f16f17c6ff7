package dev.prune.api;

import dev.prune.lang.Binary;
import dev.prune.lang.Call;
import dev.prune.lang.Expr;
import dev.prune.lang.ListExpr;
import dev.prune.lang.Negate;
import dev.prune.lang.NumberLit;
import dev.prune.lang.Span;
import dev.prune.lang.StringLit;
import dev.prune.lang.Unit;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The values of a recipe built in code: calls, names, quantities with units, arithmetic. Import them
 * statically: {@code call("adamw").arg("lr", 2e-3)}, {@code epochs(0.5)}, {@code timesBaseline(0.8)}.
 *
 * <p>Wherever the API takes an {@code Object} value, {@link #of} converts it the way the language reads
 * the same text: a Java number is a number, a {@code String} is a quoted string, a {@code Boolean} is the
 * bare name {@code true} or {@code false}, a {@code List} is a list, and a {@link CallBuilder} or an
 * {@link Expr} stands for itself. A bare name (a constant, {@code cpu}) is {@link #name}.
 */
public final class Exprs {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z_0-9]*");
    private static final Pattern QUALIFIED = Pattern.compile(IDENTIFIER + "(\\." + IDENTIFIER + ")*");

    private Exprs() {
    }

    /** {@code adamw}, then {@code .arg("lr", 1e-3)}: a call of a catalogue family. */
    public static CallBuilder call(String name) {
        return new CallBuilder(qualified(name), List.of());
    }

    /** A bare name: a {@code let} constant ({@code lr}), or a symbol such as {@code cpu} or {@code updp.merge}. */
    public static Expr name(String dotted) {
        return Call.name(qualified(dotted));
    }

    /** {@code 0.5 epochs}. */
    public static Expr epochs(double value) {
        return quantity(value, Unit.EPOCHS);
    }

    /** {@code 500 steps}. */
    public static Expr steps(long value) {
        return quantity(value, Unit.STEPS);
    }

    /** {@code 10%}. */
    public static Expr percent(double value) {
        return quantity(value, Unit.PERCENT);
    }

    /** {@code 0.8 x baseline}: a ratio to the unpruned model, for budgets. */
    public static Expr timesBaseline(double value) {
        return quantity(value, Unit.TIMES_BASELINE);
    }

    /** {@code 5 ms}. */
    public static Expr ms(double value) {
        return quantity(value, Unit.MILLISECONDS);
    }

    public static Expr plus(Object left, Object right) {
        return new Binary(Span.NONE, Binary.Operator.ADD, of(left), of(right));
    }

    public static Expr minus(Object left, Object right) {
        return new Binary(Span.NONE, Binary.Operator.SUBTRACT, of(left), of(right));
    }

    public static Expr times(Object left, Object right) {
        return new Binary(Span.NONE, Binary.Operator.MULTIPLY, of(left), of(right));
    }

    public static Expr div(Object left, Object right) {
        return new Binary(Span.NONE, Binary.Operator.DIVIDE, of(left), of(right));
    }

    /** The expression for a Java value, as described in the class comment; anything else is a programming error. */
    public static Expr of(Object value) {
        if (value instanceof Expr expr) {
            return expr;
        }
        if (value instanceof CallBuilder call) {
            return call.toCall();
        }
        if (value instanceof Double || value instanceof Float) {
            // Through the decimal text, so that 0.1f is 0.1 and not 0.10000000149011612.
            return quantity(Double.parseDouble(value.toString()), Unit.NONE);
        }
        if (value instanceof Number number) {
            return quantity(number.longValue(), Unit.NONE);
        }
        if (value instanceof String string) {
            return StringLit.of(string);
        }
        if (value instanceof Boolean flag) {
            return Call.name(flag.toString());
        }
        if (value instanceof List<?> list) {
            return new ListExpr(Span.NONE, list.stream().map(Exprs::of).toList());
        }
        throw new IllegalArgumentException("no .prune value for " + (value == null ? "null" : value.getClass().getName()));
    }

    /** A literal; the language has no negative literals, so a negative number is {@code -} applied to one. */
    private static Expr quantity(double value, Unit unit) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("a .prune number is finite: " + value);
        }
        return value < 0 ? new Negate(Span.NONE, NumberLit.of(-value, unit)) : NumberLit.of(value, unit);
    }

    /** Checks a name the printer will write as it is: a wrong one would print text that does not parse. */
    static String identifier(String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("not a name: '" + name + "'");
        }
        return name;
    }

    static String qualified(String dotted) {
        if (dotted == null || !QUALIFIED.matcher(dotted).matches()) {
            throw new IllegalArgumentException("not a (dotted) name: '" + dotted + "'");
        }
        return dotted;
    }
}
