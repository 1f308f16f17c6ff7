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

    static String nearest(String key, Set<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int d = editDistance(key, candidate);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= Math.max(2, key.length() / 3) ? "; did you mean '" + best + "'?" : "";
    }

    private static int editDistance(String a, String b) {
        int[] row = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            row[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int above = row[j];
                row[j] = Math.min(Math.min(row[j] + 1, row[j - 1] + 1),
                        diagonal + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.length()];
    }
}
