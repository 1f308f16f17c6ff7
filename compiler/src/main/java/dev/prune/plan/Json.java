package dev.prune.plan;

import java.util.List;
import java.util.Map;

/**
 * A minimal JSON writer: maps (kept in their order), lists, strings, numbers, booleans and null,
 * pretty-printed with two spaces. Output is deterministic, which the plan's hashes rely on.
 */
public final class Json {

    private Json() {
    }

    /** Pretty-printed, with a final newline. */
    public static String pretty(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, 0, true);
        return out.append('\n').toString();
    }

    /** On one line, without spaces: the canonical form that hashes are taken of. */
    public static String compact(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, 0, false);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out, int depth, boolean pretty) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(s, out);
        } else if (value instanceof Boolean b) {
            out.append(b);
        } else if (value instanceof Integer || value instanceof Long) {
            out.append(value);
        } else if (value instanceof Number n) {
            out.append(number(n.doubleValue()));
        } else if (value instanceof Map<?, ?> map) {
            object(map, out, depth, pretty);
        } else if (value instanceof List<?> list) {
            array(list, out, depth, pretty);
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }

    private static void object(Map<?, ?> map, StringBuilder out, int depth, boolean pretty) {
        if (map.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            out.append(first ? "" : ",");
            first = false;
            newline(out, depth + 1, pretty);
            string(String.valueOf(entry.getKey()), out);
            out.append(pretty ? ": " : ":");
            write(entry.getValue(), out, depth + 1, pretty);
        }
        newline(out, depth, pretty);
        out.append('}');
    }

    private static void array(List<?> list, StringBuilder out, int depth, boolean pretty) {
        if (list.isEmpty()) {
            out.append("[]");
            return;
        }
        // Short lists of scalars stay on one line: shapes and batch sizes read better as [1, 28, 28].
        boolean inline = list.stream().allMatch(v -> v == null || v instanceof Number || v instanceof Boolean
                || v instanceof String s && s.length() < 24) && list.size() <= 8;
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
            out.append(i == 0 ? "" : pretty && inline ? ", " : ",");
            if (!inline) {
                newline(out, depth + 1, pretty);
            }
            write(list.get(i), out, depth + 1, pretty);
        }
        if (!inline) {
            newline(out, depth, pretty);
        }
        out.append(']');
    }

    private static void newline(StringBuilder out, int depth, boolean pretty) {
        if (pretty) {
            out.append('\n').append("  ".repeat(depth));
        }
    }

    static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("JSON has no " + value);
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        // Shortest form that reads back to the same double: 0.05, 1e-4, 1e21 (not 1.0E-4).
        String text = Double.toString(value);
        int exponent = text.indexOf('E');
        if (exponent < 0) {
            return text;
        }
        String mantissa = text.substring(0, exponent);
        if (mantissa.endsWith(".0")) {
            mantissa = mantissa.substring(0, mantissa.length() - 2);
        }
        return mantissa + "e" + text.substring(exponent + 1);
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
