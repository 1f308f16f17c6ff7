package dev.prune.lang;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates expressions to values: arithmetic with units, lists, names of constants. Calls are evaluated
 * argument by argument and left as {@link Value.RawCall}: only the place a call stands in knows which
 * family it belongs to. Errors are reported and give an empty result.
 */
final class ExpressionEvaluator implements ExprVisitor<Optional<Value>> {

    /**
     * Stands in the constants for a {@code let} whose value had an error: a use of it gives no value and no
     * second report, so that one mistake is reported once.
     */
    static final Resolved FAILED = new Resolved(new Value.Sym("<error>"), Origin.DEFAULT);

    private final Map<String, Resolved> constants;
    private final Diagnostics diagnostics;
    private final String homeFile;

    /**
     * @param constants the {@code let} constants in scope, by their (possibly dotted) name
     * @param homeFile the file whose text counts as "spec"; text from elsewhere counts as "import"
     */
    ExpressionEvaluator(Map<String, Resolved> constants, Diagnostics diagnostics, String homeFile) {
        this.constants = constants;
        this.diagnostics = diagnostics;
        this.homeFile = homeFile;
    }

    /** Evaluates {@code let name = expr}; a failure is recorded in {@code constants} as {@link #FAILED}. */
    Optional<Resolved> define(String name, Expr expr) {
        Optional<Resolved> value = resolve(expr);
        constants.put(name, value.orElse(FAILED));
        return value;
    }

    Optional<Resolved> resolve(Expr expr) {
        Optional<Value> value = expr.accept(this);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        // A bare constant keeps the origin of its definition, so that the plan says where the value was written.
        if (expr instanceof Call call && call.isBareName() && constants.containsKey(call.calleeName())) {
            Resolved constant = constants.get(call.calleeName());
            return Optional.of(new Resolved(value.get(), new Origin(origin(expr.span()).kind(), constant.origin().span())));
        }
        return Optional.of(new Resolved(value.get(), origin(expr.span())));
    }

    Origin origin(Span span) {
        if (span.file().startsWith("--set")) {
            return new Origin(Origin.Kind.SET, span);
        }
        return new Origin(span.file().equals(homeFile) ? Origin.Kind.SPEC : Origin.Kind.IMPORT, span);
    }

    @Override
    public Optional<Value> visitNumber(NumberLit number) {
        if (Double.isInfinite(number.value())) {
            diagnostics.error("number-too-large", number.span(), "the number " + number.text() + " is too large",
                    "numbers go up to about 1.8e308");
            return Optional.empty();
        }
        return Optional.of(new Value.Num(number.value(), number.unit()));
    }

    @Override
    public Optional<Value> visitString(StringLit string) {
        return Optional.of(new Value.Str(string.value()));
    }

    @Override
    public Optional<Value> visitList(ListExpr list) {
        List<Value> items = new ArrayList<>();
        boolean ok = true;
        for (Expr item : list.items()) {
            Optional<Value> value = item.accept(this);
            ok &= value.isPresent();
            value.ifPresent(items::add);
        }
        return ok ? Optional.of(new Value.Lst(items)) : Optional.empty();
    }

    @Override
    public Optional<Value> visitCall(Call call) {
        String name = call.calleeName();
        if (call.isBareName()) {
            Resolved constant = constants.get(name);
            if (constant == FAILED) {
                return Optional.empty();
            }
            return Optional.of(constant != null ? constant.value() : new Value.Sym(name));
        }
        Map<String, Resolved> named = new LinkedHashMap<>();
        List<Resolved> positional = new ArrayList<>();
        boolean ok = true;
        for (Argument argument : call.args()) {
            Optional<Resolved> value = resolve(argument.value());
            ok &= value.isPresent();
            if (value.isEmpty()) {
                continue;
            }
            if (argument.name().isEmpty()) {
                if (!named.isEmpty()) {
                    diagnostics.error("positional-after-named", argument.span(),
                            "a positional argument cannot follow named ones", "name it, or move it before the named arguments");
                    ok = false;
                }
                positional.add(value.get());
            } else {
                String argName = argument.name().get().text();
                if (named.containsKey(argName)) {
                    diagnostics.error("duplicate-argument", argument.span(), "argument '" + argName + "' is given twice");
                    ok = false;
                }
                named.put(argName, value.get());
            }
        }
        return ok ? Optional.of(new Value.RawCall(call, named, positional)) : Optional.empty();
    }

    @Override
    public Optional<Value> visitNegate(Negate negate) {
        return operand(negate.operand()).flatMap(v -> {
            if (v instanceof Value.Num num) {
                return Optional.of(new Value.Num(-num.value(), num.unit()));
            }
            diagnostics.error("type-mismatch", negate.span(), "cannot negate " + Values.describe(v));
            return Optional.empty();
        });
    }

    @Override
    public Optional<Value> visitBinary(Binary binary) {
        Optional<Value> result = arithmetic(binary);
        if (result.isPresent() && result.get() instanceof Value.Num num && !Double.isFinite(num.value())) {
            diagnostics.error("number-too-large", binary.span(), "the result is too large", "numbers go up to about 1.8e308");
            return Optional.empty();
        }
        return result;
    }

    private Optional<Value> arithmetic(Binary binary) {
        Optional<Value> left = operand(binary.left());
        Optional<Value> right = operand(binary.right());
        if (left.isEmpty() || right.isEmpty()) {
            return Optional.empty();
        }
        if (!(left.get() instanceof Value.Num a) || !(right.get() instanceof Value.Num b)) {
            Value bad = left.get() instanceof Value.Num ? right.get() : left.get();
            diagnostics.error("type-mismatch", binary.span(), "arithmetic needs numbers, found " + Values.describe(bad));
            return Optional.empty();
        }
        return switch (binary.op()) {
            case ADD, SUBTRACT -> {
                if (a.unit() != b.unit()) {
                    diagnostics.error("unit-mismatch", binary.span(), "cannot " + (binary.op() == Binary.Operator.ADD ? "add" : "subtract")
                            + " " + unitName(a.unit()) + " and " + unitName(b.unit()));
                    yield Optional.empty();
                }
                double sum = binary.op() == Binary.Operator.ADD ? a.value() + b.value() : a.value() - b.value();
                yield Optional.of(new Value.Num(decimal(sum), a.unit()));
            }
            case MULTIPLY -> {
                if (a.unit() != Unit.NONE && b.unit() != Unit.NONE) {
                    diagnostics.error("unit-mismatch", binary.span(), "cannot multiply " + unitName(a.unit()) + " by " + unitName(b.unit()),
                            "one side of '*' must be a plain number");
                    yield Optional.empty();
                }
                yield Optional.of(new Value.Num(decimal(a.value() * b.value()), a.unit() != Unit.NONE ? a.unit() : b.unit()));
            }
            case DIVIDE -> {
                if (b.value() == 0) {
                    diagnostics.error("division-by-zero", binary.span(), "division by zero");
                    yield Optional.empty();
                }
                if (b.unit() != Unit.NONE && b.unit() != a.unit()) {
                    diagnostics.error("unit-mismatch", binary.span(), "cannot divide " + unitName(a.unit()) + " by " + unitName(b.unit()));
                    yield Optional.empty();
                }
                Unit unit = b.unit() == a.unit() ? Unit.NONE : a.unit();
                yield Optional.of(new Value.Num(decimal(a.value() / b.value()), unit));
            }
        };
    }

    /**
     * Arithmetic is decimal in spirit: results are rounded to 15 significant digits, so that
     * {@code 0.1 * 0.1} is the 0.01 a reader expects, in the plan and in its hashes.
     */
    private static double decimal(double value) {
        if (value == 0 || Double.isNaN(value) || Double.isInfinite(value)) {
            return value;
        }
        return new java.math.BigDecimal(value).round(new java.math.MathContext(15)).doubleValue();
    }

    /**
     * An operand of arithmetic: there a bare name can only be a constant, so a name that is none is reported
     * as such (with the nearest constant), rather than as "a name where a number was expected".
     */
    private Optional<Value> operand(Expr expr) {
        if (expr instanceof Call call && call.isBareName() && !constants.containsKey(call.calleeName())) {
            String name = call.calleeName();
            List<String> defined = constants.entrySet().stream().filter(e -> e.getValue() != FAILED).map(Map.Entry::getKey).toList();
            diagnostics.error("unknown-constant", call.span(), "unknown constant '" + name + "'",
                    defined.isEmpty() ? "define it before use: let " + name + " = ..."
                            : Suggest.help(name, defined, "constants in scope"));
            return Optional.empty();
        }
        return expr.accept(this);
    }

    private static String unitName(Unit unit) {
        return unit == Unit.NONE ? "a plain number" : "'" + unit.text() + "'";
    }

    @Override
    public Optional<Value> visitRange(Range range) {
        Optional<Value> low = operand(range.low());
        Optional<Value> high = operand(range.high());
        if (low.isEmpty() || high.isEmpty()) {
            return Optional.empty();
        }
        if (low.get() instanceof Value.Num a && high.get() instanceof Value.Num b
                && a.unit() == Unit.NONE && b.unit() == Unit.NONE && a.isInteger() && b.isInteger()) {
            return Optional.of(new Value.Rng(a.asLong(), b.asLong()));
        }
        diagnostics.error("type-mismatch", range.span(), "a range needs whole numbers at both ends");
        return Optional.empty();
    }

    @Override
    public Optional<Value> visitComparison(Comparison comparison) {
        return comparison.bound().accept(this).flatMap(bound -> {
            if (bound instanceof Value.Num num) {
                return Optional.of(new Value.Cond(comparison.metric().text(), comparison.op(), num));
            }
            diagnostics.error("type-mismatch", comparison.bound().span(), "a bound must be a number, found " + Values.describe(bound));
            return Optional.empty();
        });
    }
}
