package dev.prune.lang;

/** A {@code //} or {@code /* *}{@code /} comment. Comments are not part of the AST; the formatter puts them back by position. */
public record Comment(Span span, String text) {

    public boolean isLineComment() {
        return text.startsWith("//");
    }
}
