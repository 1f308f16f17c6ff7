package dev.prune.lang;

/** How messages and tables show values. */
public final class Values {

    private Values() {
    }

    public static String show(double number) {
        if (number == Math.rint(number) && Math.abs(number) < 1e15) {
            return Long.toString((long) number);
        }
        return number < 0 ? "-" + NumberLit.format(-number) : NumberLit.format(number);
    }

    /** The value as it would be written in a spec. */
    public static String show(Value value) {
        if (value instanceof Value.Num num) {
            String unit = num.unit().text();
            return show(num.value()) + (unit.isEmpty() ? "" : num.unit() == Unit.PERCENT ? unit : " " + unit);
        }
        if (value instanceof Value.Str str) {
            return '"' + str.value().replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }
        if (value instanceof Value.Lst list) {
            return "[" + String.join(", ", list.items().stream().map(Values::show).toList()) + "]";
        }
        if (value instanceof Value.Sym sym) {
            return sym.name();
        }
        if (value instanceof Value.Fn fn) {
            if (fn.args().isEmpty()) {
                return fn.name();
            }
            return fn.name() + "(" + String.join(", ", fn.args().entrySet().stream()
                    .map(e -> e.getKey() + ": " + show(e.getValue().value())).toList()) + ")";
        }
        if (value instanceof Value.Rng range) {
            return range.low() == range.high() ? Long.toString(range.low()) : range.low() + ".." + range.high();
        }
        if (value instanceof Value.Cond cond) {
            return cond.metric() + " " + cond.op().symbol() + " " + show(cond.bound());
        }
        return ((Value.RawCall) value).call().calleeName() + "(...)";
    }

    /** "a string", "the name cpu", "the number 3": for type-mismatch messages. */
    public static String describe(Value value) {
        if (value instanceof Value.Num num) {
            return num.unit() == Unit.NONE ? "the number " + show(num) : "the value " + show(num);
        }
        if (value instanceof Value.Str) {
            return "a string";
        }
        if (value instanceof Value.Lst) {
            return "a list";
        }
        if (value instanceof Value.Sym sym) {
            return "the name '" + sym.name() + "'";
        }
        if (value instanceof Value.RawCall raw) {
            return "a call of '" + raw.call().calleeName() + "'";
        }
        if (value instanceof Value.Fn fn) {
            return "a call of '" + fn.name() + "'";
        }
        if (value instanceof Value.Rng) {
            return "a range";
        }
        return "a condition";
    }
}
