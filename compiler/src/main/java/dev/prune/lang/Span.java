package dev.prune.lang;

/**
 * Where a piece of source text lies: 1-based line and column of its first and last character, and the
 * 0-based character offsets [start, end) in the file.
 *
 * <p>All spans compare equal, so that the records of the AST, which carry a span as their first
 * component, have structural equality: two parses of differently formatted text are equal when they mean
 * the same. Compare positions through their fields, never through {@code equals}.
 */
public record Span(String file, int line, int column, int endLine, int endColumn, int start, int end) {

    public static final Span NONE = new Span("<generated>", 1, 1, 1, 1, 0, 0);

    public Span {
        if (line < 1 || column < 1 || endLine < line || (endLine == line && endColumn < column - 1)) {
            throw new IllegalArgumentException("invalid span " + line + ":" + column + "-" + endLine + ":" + endColumn);
        }
    }

    /** The span from the start of this one to the end of {@code other}. */
    public Span to(Span other) {
        return new Span(file, line, column, other.endLine, other.endColumn, start, other.end);
    }

    /** True when this span comes from real source text rather than from a program that built the AST. */
    public boolean isReal() {
        return this != NONE && end > start;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Span;
    }

    @Override
    public int hashCode() {
        return 0;
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
