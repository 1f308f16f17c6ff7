package dev.prune.plan;

import dev.prune.lang.Resolved;
import dev.prune.lang.Unit;
import dev.prune.lang.Value;
import dev.prune.lang.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;

/**
 * The bindings' one way into the checker's values: each getter turns one value into a Java type and records
 * it as a {@link Param}, rendered from that Java value, with its origin. Only this class and the bindings
 * look at the language's values; the planner checks that every value of a recipe was read.
 */
public final class Reader {

    private final String prefix;
    private final Map<String, Resolved> source;
    private final Map<String, Param> read;
    private final Set<String> asked;

    private Reader(String prefix, Map<String, Resolved> source, Map<String, Param> read, Set<String> asked) {
        this.prefix = prefix;
        this.source = source;
        this.read = read;
        this.asked = asked;
    }

    /** A reader over a recipe's values by path; {@code read} collects what the bindings read. */
    static Reader of(Map<String, Resolved> values, Map<String, Param> read, Set<String> asked) {
        return new Reader("", values, read, asked);
    }

    /** The values under {@code prefix} ({@code train.baseline}): keys are then relative to it. */
    Reader section(String name) {
        return new Reader(path(name), source, read, asked);
    }

    String path(String key) {
        return prefix.isEmpty() ? key : key.isEmpty() ? prefix : prefix + "." + key;
    }

    public boolean has(String key) {
        asked.add(path(key));
        return source.containsKey(path(key));
    }

    private Resolved get(String key) {
        String path = path(key);
        asked.add(path);
        Resolved resolved = source.get(path);
        if (resolved == null) {
            throw new IllegalStateException("the checked recipe has no " + path + ": the checker and the bindings disagree");
        }
        return resolved;
    }

    private <T> T scalar(String key, Function<Value, T> convert, Function<T, Object> json, Function<T, String> shown) {
        Resolved resolved = get(key);
        T value = convert.apply(resolved.value());
        read.put(path(key), Param.scalar(path(key), json.apply(value), shown.apply(value), resolved.origin().describe(), at(resolved)));
        return value;
    }

    public int integer(String key) {
        return scalar(key, Reader::toInt, v -> v, v -> Integer.toString(v));
    }

    public long whole(String key) {
        return scalar(key, v -> num(v).asLong(), v -> v, v -> Long.toString(v));
    }

    public double number(String key) {
        return scalar(key, v -> num(v).value(), v -> v, Values::show);
    }

    /** A whole number, or {@code none}. */
    public OptionalInt integerOrNone(String key) {
        return scalar(key, v -> v instanceof Value.Sym ? OptionalInt.empty() : OptionalInt.of(toInt(v)),
                v -> v.isPresent() ? (Object) v.getAsInt() : "none", v -> v.isPresent() ? Integer.toString(v.getAsInt()) : "none");
    }

    /** A whole number that may exceed an int (a seed), or {@code none}. */
    public java.util.OptionalLong wholeOrNone(String key) {
        return scalar(key, v -> v instanceof Value.Sym ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(num(v).asLong()),
                v -> v.isPresent() ? (Object) v.getAsLong() : "none", v -> v.isPresent() ? Long.toString(v.getAsLong()) : "none");
    }

    /** A number, or {@code none}. */
    public java.util.OptionalDouble numberOrNone(String key) {
        return scalar(key, v -> v instanceof Value.Sym ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(num(v).value()),
                v -> v.isPresent() ? (Object) v.getAsDouble() : "none", v -> v.isPresent() ? Values.show(v.getAsDouble()) : "none");
    }

    /**
     * A model argument as the zoo takes it: Integer, Double, String (a file) or a list of Integer; null for
     * {@code none} (the zoo's default).
     */
    public Object modelArgument(String key) {
        return scalar(key, Reader::plain, v -> v == null ? "none" : v,
                v -> v == null ? "none" : v instanceof List<?> list ? showList(list.stream().map(i -> (Integer) i).toList())
                        : v instanceof Double d ? Values.show(d) : v instanceof String s ? Values.show(new Value.Str(s)) : String.valueOf(v));
    }

    private static Object plain(Value value) {
        if (value instanceof Value.Sym sym && sym.name().equals("none")) {
            return null;
        }
        if (value instanceof Value.Lst list) {
            return list.items().stream().map(Reader::toInt).toList();
        }
        if (value instanceof Value.Str str) {
            return str.value();
        }
        Value.Num n = num(value);
        return n.isInteger() ? (Object) toInt(n) : (Object) n.value();
    }

    /** A string in quotes: a path, a selector. */
    public String text(String key) {
        return scalar(key, v -> ((Value.Str) v).value(), v -> v, v -> Values.show(new Value.Str(v)));
    }

    /** The path of a file or folder, resolved by the checker against the spec's folder; hashed by content, not by path. */
    public String file(String key) {
        Resolved resolved = get(key);
        String value = ((Value.Str) resolved.value()).value();
        read.put(path(key), Param.file(path(key), value, Values.show(new Value.Str(value)), resolved.origin().describe(), at(resolved)));
        return value;
    }

    /** A bare name: a reference such as {@code updp.block}, or a choice. */
    public String name(String key) {
        return scalar(key, v -> ((Value.Sym) v).name(), v -> v, v -> v);
    }

    /** A choice among the constants of an enum, named as the enum's constants in lower case. */
    public <E extends Enum<E>> E choice(String key, Class<E> type) {
        return scalar(key, v -> Enum.valueOf(type, ((Value.Sym) v).name().toUpperCase(java.util.Locale.ROOT)),
                v -> v.name().toLowerCase(java.util.Locale.ROOT), v -> v.name().toLowerCase(java.util.Locale.ROOT));
    }

    public boolean yesNo(String key) {
        return scalar(key, v -> ((Value.Sym) v).name().equals("true"), v -> Boolean.toString(v), v -> Boolean.toString(v));
    }

    public List<Integer> integers(String key) {
        return scalar(key, v -> ((Value.Lst) v).items().stream().map(Reader::toInt).toList(), v -> v, Reader::showList);
    }

    public List<Double> numbers(String key) {
        return scalar(key, v -> ((Value.Lst) v).items().stream().map(i -> num(i).value()).toList(), v -> v,
                v -> "[" + String.join(", ", v.stream().map(Values::show).toList()) + "]");
    }

    public List<String> texts(String key) {
        return scalar(key, v -> ((Value.Lst) v).items().stream().map(i -> ((Value.Str) i).value()).toList(), v -> v,
                v -> "[" + String.join(", ", v.stream().map(s -> Values.show(new Value.Str(s))).toList()) + "]");
    }

    /** {@code 0.5 epochs}, {@code 500 steps}. */
    public Duration duration(String key) {
        return scalar(key, v -> {
            Value.Num n = num(v);
            return n.unit() == Unit.EPOCHS ? Duration.epochs(n.value()) : Duration.steps(n.asLong());
        }, v -> unitJson(v.amount(), v.unit() == Duration.Per.EPOCHS ? "epochs" : "steps"),
                v -> Values.show(v.amount()) + (v.unit() == Duration.Per.EPOCHS ? " epochs" : " steps"));
    }

    /** {@code 1000} or {@code 10%}. */
    public DataPlan.ValSize countOrPercent(String key) {
        return scalar(key, v -> new DataPlan.ValSize(num(v).value(), num(v).unit() == Unit.PERCENT),
                v -> v.percent() ? unitJson(v.amount(), "%") : (Object) (long) v.amount(),
                v -> Values.show(v.amount()) + (v.percent() ? "%" : ""));
    }

    /** {@code 4} or {@code 2..6}, as {min, max}. */
    public int[] countOrRange(String key) {
        return scalar(key, v -> new int[] {Math.toIntExact(((Value.Rng) v).low()), Math.toIntExact(((Value.Rng) v).high())}, v -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("min", v[0]);
            out.put("max", v[1]);
            return out;
        }, v -> v[0] == v[1] ? Integer.toString(v[0]) : v[0] + ".." + v[1]);
    }

    /** {@code where macs <= 0.8 x baseline and latency < 5 ms}. */
    public List<SpacePlan.Budget> budgets(String key) {
        return scalar(key, v -> ((Value.Lst) v).items().stream().map(i -> budget((Value.Cond) i)).toList(),
                v -> v.stream().map(Reader::budgetJson).toList(),
                v -> "[" + String.join(", ", v.stream().map(SpacePlan.Budget::toString).toList()) + "]");
    }

    private static SpacePlan.Budget budget(Value.Cond cond) {
        boolean inclusive = switch (cond.op()) {
            case AT_MOST -> true;
            case BELOW -> false;
            default -> throw new IllegalStateException("a budget is an upper bound, not " + cond.op().symbol());
        };
        SpacePlan.Budget.BoundUnit unit = switch (cond.bound().unit()) {
            case TIMES_BASELINE -> SpacePlan.Budget.BoundUnit.TIMES_BASELINE;
            case MILLISECONDS -> SpacePlan.Budget.BoundUnit.MILLISECONDS;
            default -> throw new IllegalStateException("a budget's bound is a ratio to the baseline or a time, not " + cond.bound().unit());
        };
        return new SpacePlan.Budget(SpacePlan.Budget.Metric.valueOf(cond.metric().toUpperCase(java.util.Locale.ROOT)), inclusive,
                cond.bound().value(), unit);
    }

    static Object budgetJson(SpacePlan.Budget b) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("metric", b.metric().id());
        out.put("op", b.inclusive() ? "<=" : "<");
        out.put("bound", unitJson(b.bound(), b.unit().text()));
        return out;
    }

    static Map<String, Object> unitJson(double amount, String unit) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("value", amount);
        out.put("unit", unit);
        return out;
    }

    /** A call of a family, made by the family's bindings. */
    public <T> T call(String key, Calls<T> calls) {
        Resolved resolved = get(key);
        Made<T> made = make(path(key), (Value.Fn) resolved.value(), resolved, calls);
        read.put(path(key), made.param());
        return made.value();
    }

    /** A list of calls of a family ({@code augment random_crop(28), hflip}). */
    public <T> List<T> calls(String key, Calls<T> calls) {
        Resolved resolved = get(key);
        List<T> out = new ArrayList<>();
        List<Param> items = new ArrayList<>();
        for (Value item : ((Value.Lst) resolved.value()).items()) {
            Made<T> made = make(path(key), (Value.Fn) item, resolved, calls);
            out.add(made.value());
            items.add(made.param());
        }
        read.put(path(key), Param.calls(path(key), items, resolved.origin().describe(), at(resolved)));
        return out;
    }

    private record Made<T>(T value, Param param) {
    }

    private static String at(Resolved resolved) {
        return resolved.origin().span().isReal() ? resolved.origin().span().toString() : "";
    }

    private <T> Made<T> make(String path, Value.Fn fn, Resolved from, Calls<T> calls) {
        Map<String, Resolved> args = new LinkedHashMap<>();
        fn.args().forEach((name, value) -> args.put(path + "." + name, value));
        Map<String, Param> argsRead = new LinkedHashMap<>();
        T value = calls.make(fn.name(), new Reader(path, args, argsRead, new LinkedHashSet<>()));
        List<Param> ordered = new ArrayList<>();
        for (String arg : args.keySet()) {
            Param param = argsRead.get(arg);
            if (param == null) {
                throw new IllegalStateException("the binding of " + calls.family().name() + " " + fn.name() + " leaves its argument "
                        + arg.substring(path.length() + 1) + " unread");
            }
            ordered.add(param);
        }
        String shown = ordered.isEmpty() ? fn.name() : fn.name() + "(" + String.join(", ",
                ordered.stream().map(p -> p.path().substring(path.length() + 1) + ": " + p.shown()).toList()) + ")";
        return new Made<>(value, new Param(path, null, shown, from.origin().describe(), at(from), fn.name(), ordered));
    }

    private static Value.Num num(Value value) {
        if (!(value instanceof Value.Num n)) {
            throw new IllegalStateException("expected a number, found " + Values.show(value));
        }
        return n;
    }

    private static int toInt(Value value) {
        return Math.toIntExact(num(value).asLong());
    }

    private static String showList(List<Integer> values) {
        return "[" + String.join(", ", values.stream().map(String::valueOf).toList()) + "]";
    }
}
