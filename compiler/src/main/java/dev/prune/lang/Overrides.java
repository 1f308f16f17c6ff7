package dev.prune.lang;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Values given on the command line as {@code --set path=value}, e.g. {@code train.baseline.epochs=5} or
 * {@code train.baseline.optimizer.lr=1e-3}. Each one is a source of its own, named {@code --set N}, so that
 * a bad value is reported like any other, with a caret under it. The checker takes each path it visits;
 * a path nobody took names no setting.
 */
public final class Overrides {

    /** One {@code --set}: the path, its position, and the value's expression. */
    public record Entry(String path, Span pathSpan, Expr value) {
    }

    private final String label;
    private final Map<String, Entry> entries;
    private final Set<String> taken = new HashSet<>();

    private Overrides(String label, Map<String, Entry> entries) {
        this.label = label;
        this.entries = entries;
    }

    public static Overrides none() {
        return new Overrides("--set", Map.of());
    }

    /**
     * Overrides written elsewhere than on the command line (an experiment's variant), named {@code label} in
     * diagnostics; each entry's spans point where it was written. Paths must be distinct.
     */
    public static Overrides of(String label, List<Entry> entries) {
        Map<String, Entry> byPath = new LinkedHashMap<>();
        for (Entry entry : entries) {
            if (byPath.putIfAbsent(entry.path(), entry) != null) {
                throw new IllegalArgumentException("path given twice: " + entry.path());
            }
        }
        return new Overrides(label, byPath);
    }

    /** How diagnostics name where these overrides were given: {@code --set}, {@code variant direct}. */
    public String label() {
        return label;
    }

    /** Parses each {@code path=value}; problems are reported against the {@code --set N} source, which is added to {@code sources}. */
    public static Overrides parse(List<String> assignments, Diagnostics diagnostics, Map<String, Source> sources) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (int i = 0; i < assignments.size(); i++) {
            String text = assignments.get(i);
            String name = "--set " + (i + 1);
            Source source = new Source(name, text);
            sources.put(name, source);
            int equals = text.indexOf('=');
            String path = equals < 0 ? text.strip() : text.substring(0, equals).strip();
            Span pathSpan = new Span(name, 1, 1, 1, Math.max(1, equals < 0 ? text.length() : equals), 0, Math.max(0, equals));
            if (equals < 0 || !path.matches("[A-Za-z_][A-Za-z_0-9]*(\\.[A-Za-z_][A-Za-z_0-9]*)*")) {
                diagnostics.error("bad-set", pathSpan, "expected path=value, such as train.baseline.epochs=5");
                continue;
            }
            // Blank out the path so that columns in the value's spans match the text as typed.
            Source valueOnly = new Source(name, " ".repeat(equals + 1) + text.substring(equals + 1));
            Optional<Expr> value = SpecParser.parseExpression(valueOnly, diagnostics);
            if (value.isEmpty()) {
                continue;
            }
            if (entries.containsKey(path)) {
                diagnostics.error("duplicate-set", pathSpan, "'" + path + "' is set twice");
                continue;
            }
            entries.put(path, new Entry(path, pathSpan, value.get()));
        }
        return new Overrides("--set", entries);
    }

    /** A fresh copy with nothing taken, for checking another recipe with the same overrides. */
    public Overrides copy() {
        return new Overrides(label, entries);
    }

    public Optional<Expr> take(String path) {
        Entry entry = entries.get(path);
        if (entry == null) {
            return Optional.empty();
        }
        taken.add(path);
        return Optional.of(entry.value());
    }

    public List<Entry> untaken() {
        List<Entry> out = new ArrayList<>();
        for (Entry entry : entries.values()) {
            if (!taken.contains(entry.path())) {
                out.add(entry);
            }
        }
        return out;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }
}
