package dev.prune.lang;

/** An identifier as written, with its position. */
public record Name(Span span, String text) implements Node {

    public static Name of(String text) {
        return new Name(Span.NONE, text);
    }

    @Override
    public String toString() {
        return text;
    }
}
