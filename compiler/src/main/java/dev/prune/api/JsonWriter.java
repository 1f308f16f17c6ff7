package dev.prune.api;

import dev.prune.lang.Values;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Just enough JSON for {@link RecipeJson}, written as a stream: {@code beginObject().key("a").number(1).endObject()}.
 * Strings are escaped as RFC 8259 requires, numbers are finite and in their shortest form, keys come in
 * the order written; commas are placed here so that callers never think about them. Compact, one line.
 */
final class JsonWriter {

    private final StringBuilder out = new StringBuilder();
    /** One entry per open object or array: whether nothing has been written in it yet. */
    private final Deque<boolean[]> empty = new ArrayDeque<>();
    private boolean afterKey;

    JsonWriter beginObject() {
        beforeValue();
        out.append('{');
        empty.push(new boolean[] {true});
        return this;
    }

    JsonWriter endObject() {
        empty.pop();
        out.append('}');
        return this;
    }

    JsonWriter beginArray() {
        beforeValue();
        out.append('[');
        empty.push(new boolean[] {true});
        return this;
    }

    JsonWriter endArray() {
        empty.pop();
        out.append(']');
        return this;
    }

    /** The key of the next member of the open object; its value is written next. */
    JsonWriter key(String key) {
        separate();
        quote(key);
        out.append(':');
        afterKey = true;
        return this;
    }

    JsonWriter string(String text) {
        beforeValue();
        quote(text);
        return this;
    }

    /** Values.show writes a number as the language does (3, 0.05, 1e-4, -2), which is also JSON's syntax. */
    JsonWriter number(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("JSON has no " + value);
        }
        beforeValue();
        out.append(Values.show(value));
        return this;
    }

    private void beforeValue() {
        if (afterKey) {
            afterKey = false;
        } else {
            separate();
        }
    }

    private void separate() {
        if (!empty.isEmpty()) {
            if (!empty.peek()[0]) {
                out.append(',');
            }
            empty.peek()[0] = false;
        }
    }

    private void quote(String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        out.append('"');
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
