package dev.prune.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict reader for one JSON value, the counterpart of {@link dev.prune.plan.Json}: objects become
 * {@link LinkedHashMap}s (in file order), arrays {@link ArrayList}s, numbers {@link Long} when written as
 * integers that fit and {@link Double} otherwise. Strict means RFC 8259 and nothing more: no comments, no
 * trailing commas, no NaN, no leading zeros, no duplicate keys, nothing after the value. A torn metrics line
 * must fail here rather than read as a shorter but valid record.
 */
public final class JsonReader {

    private final String text;
    private int pos;

    private JsonReader(String text) {
        this.text = text;
    }

    /** The value in {@code text}, which must hold exactly one JSON value (whitespace around it is fine). */
    public static Object parse(String text) {
        JsonReader reader = new JsonReader(text);
        reader.skipWhitespace();
        Object value = reader.value();
        reader.skipWhitespace();
        if (reader.pos < text.length()) {
            throw reader.error("unexpected '" + text.charAt(reader.pos) + "' after the value");
        }
        return value;
    }

    /** {@link #parse}, requiring an object at the top. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String text) {
        Object value = parse(text);
        if (!(value instanceof Map)) {
            throw new JsonSyntaxException("expected an object", 1);
        }
        return (Map<String, Object>) value;
    }

    private Object value() {
        if (pos >= text.length()) {
            throw error("unexpected end of input, expected a value");
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (c == '-' || isDigit(c)) {
                    yield number();
                }
                throw error("unexpected '" + c + "', expected a value");
            }
        };
    }

    private Map<String, Object> object() {
        Map<String, Object> map = new LinkedHashMap<>();
        pos++; // '{'
        skipWhitespace();
        if (peek('}')) {
            pos++;
            return map;
        }
        while (true) {
            skipWhitespace();
            if (!peek('"')) {
                throw error("expected a key in double quotes");
            }
            int keyStart = pos;
            String key = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            if (map.containsKey(key)) {
                pos = keyStart;
                throw error("duplicate key \"" + key + "\"");
            }
            map.put(key, value());
            skipWhitespace();
            if (peek(',')) {
                pos++;
            } else {
                expect('}');
                return map;
            }
        }
    }

    private List<Object> array() {
        List<Object> list = new ArrayList<>();
        pos++; // '['
        skipWhitespace();
        if (peek(']')) {
            pos++;
            return list;
        }
        while (true) {
            skipWhitespace();
            list.add(value());
            skipWhitespace();
            if (peek(',')) {
                pos++;
            } else {
                expect(']');
                return list;
            }
        }
    }

    private String string() {
        pos++; // opening quote
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                pos--;
                throw error("control character in a string must be escaped");
            }
            out.append(c == '\\' ? escape() : c);
        }
    }

    private char escape() {
        if (pos >= text.length()) {
            throw error("unterminated escape");
        }
        char c = text.charAt(pos++);
        return switch (c) {
            case '"', '\\', '/' -> c;
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> unicodeEscape();
            default -> {
                pos--;
                throw error("unknown escape \\" + c);
            }
        };
    }

    private char unicodeEscape() {
        if (pos + 4 > text.length()) {
            throw error("\\u needs four hex digits");
        }
        int code = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text.charAt(pos), 16);
            if (digit < 0) {
                throw error("\\u needs four hex digits");
            }
            code = code * 16 + digit;
            pos++;
        }
        return (char) code;
    }

    private Number number() {
        int start = pos;
        if (peek('-')) {
            pos++;
        }
        if (peek('0')) {
            pos++;
            if (pos < text.length() && isDigit(text.charAt(pos))) {
                throw error("leading zeros are not allowed");
            }
        } else {
            digits("a digit");
        }
        boolean integral = true;
        if (peek('.')) {
            pos++;
            digits("a digit after the decimal point");
            integral = false;
        }
        if (peek('e') || peek('E')) {
            pos++;
            if (peek('+') || peek('-')) {
                pos++;
            }
            digits("a digit in the exponent");
            integral = false;
        }
        String literal = text.substring(start, pos);
        if (integral) {
            try {
                return Long.parseLong(literal);
            } catch (NumberFormatException tooLong) {
                // Falls through: an integer beyond long's range is still a number, as a double.
            }
        }
        return Double.parseDouble(literal);
    }

    private void digits(String expected) {
        int start = pos;
        while (pos < text.length() && isDigit(text.charAt(pos))) {
            pos++;
        }
        if (pos == start) {
            throw error("expected " + expected);
        }
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, pos)) {
            throw error("unexpected '" + text.charAt(pos) + "', expected a value");
        }
        pos += word.length();
        return value;
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw error(pos >= text.length() ? "unexpected end of input, expected '" + c + "'"
                    : "expected '" + c + "' but found '" + text.charAt(pos) + "'");
        }
        pos++;
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private JsonSyntaxException error(String message) {
        return new JsonSyntaxException(message, pos + 1);
    }
}
