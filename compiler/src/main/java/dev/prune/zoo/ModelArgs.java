package dev.prune.zoo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The named arguments of a model, as a spec gives them ({@code depths: [3, 3, 9, 3]}), with typed getters.
 * Unknown names are rejected up front with the nearest known one, so a typo never silently falls back to
 * a default.
 */
public final class ModelArgs {

    private final String model;
    private final Map<String, ?> values;

    ModelArgs(String model, Map<String, ?> values, Set<String> known) {
        this.model = model;
        this.values = Map.copyOf(values);
        List<String> problems = new ArrayList<>();
        for (String key : new TreeSet<>(values.keySet())) {
            if (!known.contains(key)) {
                problems.add(model + " has no argument '" + key + "'" + nearest(key, known)
                        + " (known: " + String.join(", ", new TreeSet<>(known)) + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** A required string argument (a path). */
    public String string(String key) {
        Object v = values.get(key);
        if (!(v instanceof String s)) {
            throw wrongKind(key, v, "a string");
        }
        return s;
    }

    public int intValue(String key, int fallback) {
        Object v = values.get(key);
        return v == null ? fallback : toInt(key, v);
    }

    public double doubleValue(String key, double fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Number n)) {
            throw wrongKind(key, v, "a number");
        }
        return n.doubleValue();
    }

    public int[] ints(String key, int[] fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback.clone();
        }
        if (!(v instanceof List<?> list)) {
            throw wrongKind(key, v, "a list of integers");
        }
        return list.stream().mapToInt(e -> toInt(key, e)).toArray();
    }

    private int toInt(String key, Object v) {
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.intValue();
        }
        throw wrongKind(key, v, "an integer");
    }

    private IllegalArgumentException wrongKind(String key, Object v, String expected) {
        return new IllegalArgumentException(model + " argument '" + key + "' is " + v + ", expected " + expected);
    }

    /** "; did you mean 'x'?" when a known name is close, else "": the language's own suggestion rule. */
    static String nearest(String key, Set<String> known) {
        return dev.prune.lang.Suggest.nearest(key, known).map(n -> "; did you mean '" + n + "'?").orElse("");
    }
}
