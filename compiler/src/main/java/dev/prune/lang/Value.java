package dev.prune.lang;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A checked value of the language: what an expression means once names and units are resolved. */
public sealed interface Value {

    /** A number with its unit; {@code integer} when it was written (or computed) without a fraction. */
    record Num(double value, Unit unit) implements Value {
        public boolean isInteger() {
            return value == Math.rint(value) && !Double.isInfinite(value);
        }

        public long asLong() {
            return (long) value;
        }
    }

    record Str(String value) implements Value {
    }

    record Lst(List<Value> items) implements Value {
        public Lst {
            items = List.copyOf(items);
        }
    }

    /** A bare name that is not a constant: {@code uniform}, {@code cpu}, {@code top1}. */
    record Sym(String name) implements Value {
    }

    /** A call with every argument named and every default filled in, in the catalogue's order. */
    record Fn(String name, Map<String, Resolved> args) implements Value {
        public Fn {
            args = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(args));
        }

        public Value arg(String name) {
            Resolved resolved = args.get(name);
            if (resolved == null) {
                throw new IllegalArgumentException(this.name + " has no argument " + name);
            }
            return resolved.value();
        }
    }

    /** {@code 2..6}. */
    record Rng(long low, long high) implements Value {
    }

    /** {@code macs <= 0.8 x baseline}. */
    record Cond(String metric, Comparison.Operator op, Num bound) implements Value {
    }

    /** An unevaluated call, before the catalogue has checked it against the call it names. */
    record RawCall(Call call, Map<String, Resolved> named, List<Resolved> positional) implements Value {
    }
}
